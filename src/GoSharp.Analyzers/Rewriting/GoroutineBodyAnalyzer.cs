using System.Collections.Generic;
using System.Collections.Immutable;
using GoSharp.Generator.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GoSharp.Analyzers.Rewriting;

/// <summary>
/// The rules on a <c>[Goroutine]</c> method's body, reported from one walk of it with the
/// generator's own <see cref="BodyRules"/>: GOSH006 (a blocking operation where the twin cannot
/// await: a lock body, an unsafe block, an exception filter), GOSH007 (a blocking operation in a
/// lambda or local function that is not goroutine code), GOSH009 (a ref or ref struct local
/// the twin cannot keep across its awaits) and GOSH021 (a park site after a ref struct temporary
/// that the twin cannot evaluate first); for the last two the twin runs the original body.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GoroutineBodyAnalyzer : DiagnosticAnalyzer
{
    /// <summary>GOSH006: a park site where the twin cannot await.</summary>
    public const string ParkInForbiddenContextId = "GOSH006";

    /// <summary>GOSH007: a blocking operation in a nested function that is not goroutine code.</summary>
    public const string BlockingInLambdaId = "GOSH007";

    /// <summary>GOSH009: a ref or ref struct local across a park site.</summary>
    public const string RefLocalAcrossParkSiteId = "GOSH009";

    /// <summary>GOSH021: a park site after a ref struct temporary of its statement.</summary>
    public const string RefStructTemporaryAcrossParkSiteId = "GOSH021";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ParkSiteInForbiddenContext,
        DiagnosticDescriptors.BlockingInsideLambda,
        DiagnosticDescriptors.RefLocalAcrossParkSite,
        DiagnosticDescriptors.RefStructTemporaryAcrossParkSite);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var known = KnownSymbols.From(start.Compilation);
            if (known.HasRuntime)
            {
                start.RegisterSyntaxNodeAction(nodeContext => AnalyzeMethod(nodeContext, known), SyntaxKind.MethodDeclaration);
            }
        });
    }

    private static void AnalyzeMethod(SyntaxNodeAnalysisContext context, KnownSymbols known)
    {
        var declaration = (MethodDeclarationSyntax)context.Node;
        SyntaxNode? body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody?.Expression;
        if (body is null
            || context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is not IMethodSymbol method
            || !known.IsGoroutine(method)
            || !SignatureRules.IsRewritable(method))
        {
            // No twin (GOSH001–005, GOSH008): the signature rules say why.
            return;
        }

        HashSet<SyntaxNode> parkingFunctions = ParkingLocalFunctions.Find(body, context.SemanticModel, known, context.CancellationToken);
        var violations = new List<RuleViolation>();
        BodyRules.Check(body, context.SemanticModel, known, parkingFunctions, violations, context.CancellationToken);
        bool rewritten = !violations.Exists(v => v.Id is RuleId.RefLocalAcrossParkSite or RuleId.RefStructTemporaryAcrossParkSite);
        foreach (RuleViolation violation in violations)
        {
            DiagnosticDescriptor? descriptor = violation.Id switch
            {
                RuleId.RefLocalAcrossParkSite => DiagnosticDescriptors.RefLocalAcrossParkSite,
                RuleId.RefStructTemporaryAcrossParkSite => DiagnosticDescriptors.RefStructTemporaryAcrossParkSite,

                // A body that is not rewritten blocks everywhere, as GOSH009/GOSH021 say; GOSH006/007 would repeat it.
                RuleId.ParkSiteInForbiddenContext when rewritten => DiagnosticDescriptors.ParkSiteInForbiddenContext,
                RuleId.BlockingInsideLambda when rewritten => DiagnosticDescriptors.BlockingInsideLambda,
                _ => null,
            };
            if (descriptor is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(descriptor, violation.Location, violation.Argument));
            }
        }
    }
}
