using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using GoSharp.Generator.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GoSharp.Analyzers.Rewriting;

/// <summary>
/// Base of the rewrite rules: one diagnostic per analyzer, reported from the violations the
/// generator's own rule checks find, in compilations that reference the GoSharp runtime.
/// </summary>
public abstract class RuleAnalyzer : DiagnosticAnalyzer
{
    private readonly DiagnosticDescriptor _descriptor;

    private protected RuleAnalyzer(DiagnosticDescriptor descriptor, RuleId rule)
    {
        _descriptor = descriptor;
        Rule = rule;
    }

    /// <inheritdoc/>
    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(_descriptor);

    private protected RuleId Rule { get; }

    /// <inheritdoc/>
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var known = KnownSymbols.From(start.Compilation);
            if (known.HasRuntime)
            {
                Register(start, known);
            }
        });
    }

    /// <summary>Registers the actions that look for this rule's violations.</summary>
    private protected abstract void Register(CompilationStartAnalysisContext start, KnownSymbols known);

    /// <summary>Reports the violations of this analyzer's rule.</summary>
    private protected void Report(IEnumerable<RuleViolation> violations, Action<Diagnostic> report)
    {
        foreach (RuleViolation violation in violations)
        {
            if (violation.Id == Rule)
            {
                report(Diagnostic.Create(_descriptor, violation.Location, violation.Argument));
            }
        }
    }

    /// <summary>Reports this analyzer's diagnostic at <paramref name="location"/>.</summary>
    private protected void Report(Location location, string argument, Action<Diagnostic> report) =>
        report(Diagnostic.Create(_descriptor, location, argument));
}
