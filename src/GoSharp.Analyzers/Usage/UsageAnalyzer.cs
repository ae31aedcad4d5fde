using System.Collections.Immutable;
using GoSharp.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GoSharp.Analyzers.Usage;

/// <summary>
/// Base of the usage rules (GOSH010 and up): the Go mistakes caught while the user types. They run
/// only in compilations that reference the GoSharp runtime, and never on generated code (the
/// generator's twins repeat the user's code, which is analyzed once, where it was written).
/// </summary>
public abstract class UsageAnalyzer : DiagnosticAnalyzer
{
    private protected UsageAnalyzer(DiagnosticDescriptor descriptor) =>
        SupportedDiagnostics = ImmutableArray.Create(descriptor);

    /// <inheritdoc/>
    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    /// <summary>This analyzer's one diagnostic.</summary>
    private protected DiagnosticDescriptor Descriptor => SupportedDiagnostics[0];

    /// <inheritdoc/>
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            GoroutineCode? goroutines = GoroutineCode.From(start.Compilation);
            if (goroutines is not null)
            {
                Register(start, goroutines);
            }
        });
    }

    /// <summary>Registers the rule's actions for one compilation.</summary>
    private protected abstract void Register(CompilationStartAnalysisContext start, GoroutineCode goroutines);
}
