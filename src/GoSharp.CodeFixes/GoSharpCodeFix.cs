using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace GoSharp.CodeFixes;

/// <summary>
/// Base of GoSharp's code fixes: one diagnostic ID per provider, a syntax rewrite of the one
/// document, and Fix All by the batch fixer (every fix edits only around its own diagnostic).
/// The rewrite marks what it inserts with <c>Formatter.Annotation</c> and
/// <c>Simplifier.Annotation</c>; the code action formats and simplifies those nodes.
/// </summary>
public abstract class GoSharpCodeFix : CodeFixProvider
{
    private protected GoSharpCodeFix(string id) => FixableDiagnosticIds = ImmutableArray.Create(id);

    /// <inheritdoc/>
    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            foreach (Fix fix in Fixes(node, diagnostic))
            {
                Document document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(fix.Title, token => ApplyAsync(document, node, fix.Rewrite, token), equivalenceKey: FixableDiagnosticIds[0] + fix.Key),
                    diagnostic);
            }
        }
    }

    /// <summary>The fixes offered for <paramref name="diagnostic"/>, reported at <paramref name="node"/>.</summary>
    private protected abstract IEnumerable<Fix> Fixes(SyntaxNode node, Diagnostic diagnostic);

    private static async Task<Document> ApplyAsync(Document document, SyntaxNode node, Func<SyntaxNode, SyntaxNode, SemanticModel, CancellationToken, SyntaxNode?> rewrite, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        SyntaxNode? fixedRoot = root is null || model is null ? null : rewrite(root, node, model, cancellationToken);
        return fixedRoot is null ? document : document.WithSyntaxRoot(fixedRoot);
    }

    /// <summary>One code action: its title, the suffix of its equivalence key, and the rewrite of the root (null: nothing to do).</summary>
    private protected sealed class Fix
    {
        public Fix(string title, string key, Func<SyntaxNode, SyntaxNode, SemanticModel, CancellationToken, SyntaxNode?> rewrite)
        {
            Title = title;
            Key = key;
            Rewrite = rewrite;
        }

        public string Title { get; }

        public string Key { get; }

        /// <summary>(root, node at the diagnostic, semantic model, token) to the new root.</summary>
        public Func<SyntaxNode, SyntaxNode, SemanticModel, CancellationToken, SyntaxNode?> Rewrite { get; }
    }
}
