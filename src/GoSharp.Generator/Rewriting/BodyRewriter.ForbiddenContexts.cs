using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoSharp.Generator.Rewriting;

/// <summary>Where C# cannot await (a lock body, an unsafe block, an exception filter): nothing is rewritten, the blocking calls stay (GOSH006).</summary>
internal sealed partial class BodyRewriter
{
    public override SyntaxNode? VisitLockStatement(LockStatementSyntax node)
    {
        var expression = (ExpressionSyntax)Visit(node.Expression)!;
        using (ForbiddenContext())
        {
            return node.WithExpression(expression).WithStatement((StatementSyntax)Visit(node.Statement)!);
        }
    }

    public override SyntaxNode? VisitUnsafeStatement(UnsafeStatementSyntax node)
    {
        using (ForbiddenContext())
        {
            return base.VisitUnsafeStatement(node);
        }
    }

    public override SyntaxNode? VisitCatchFilterClause(CatchFilterClauseSyntax node)
    {
        using (ForbiddenContext())
        {
            return base.VisitCatchFilterClause(node);
        }
    }
}
