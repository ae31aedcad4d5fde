using System.Collections.Generic;
using System.Linq;
using GoSharp.Generator.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace GoSharp.Generator.Rewriting;

/// <summary>Calls: blocking operations become awaits of their awaitable forms, selects become <c>SelectAsync</c>, calls of goroutines become calls of their twins.</summary>
internal sealed partial class BodyRewriter
{
    public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        ParkKind kind = ParkSites.Classify(node, _model, _known, _cancellationToken, out IMethodSymbol? method);
        if (method is not null
            && _known.IsGoStatement(method)
            && node.ArgumentList.Arguments.Count == 1
            && node.ArgumentList.Arguments[0].Expression is AnonymousFunctionExpressionSyntax lambda
            && GoroutineLambdas.CallOf(lambda, _model, _known, _cancellationToken) is not null)
        {
            return RewriteGoStatement(node, lambda);
        }

        if (_forbiddenDepth == 0 && ParkingLocalFunctions.ParkingCallee(node, _model, _parkingFunctions, _cancellationToken) is SimpleNameSyntax callee)
        {
            return Await(ParkingCall(node, callee, GeneratedNames.EntryCall), node);
        }

        if (kind == ParkKind.None || _forbiddenDepth > 0 || method is null || node.Expression is MemberBindingExpressionSyntax)
        {
            return base.VisitInvocationExpression(node);
        }

        return kind switch
        {
            ParkKind.AwaitableForm => Await(AtSite(NewSite(node), RewriteAwaitableForm(node, method)), node),
            ParkKind.Select => RewriteSelect(node, method, NewSite(node)),
            _ => Await(TwinCall(node, method, GeneratedNames.EntryCall), node),
        };
    }

    /// <summary><c>recv.M(args)</c> → <c>recv.MAsync(args)</c> (the caller adds the await).</summary>
    private InvocationExpressionSyntax RewriteAwaitableForm(InvocationExpressionSyntax node, IMethodSymbol method)
    {
        var rewritten = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
        IMethodSymbol definition = (method.ReducedFrom ?? method).OriginalDefinition;
        string asyncName = _known.AwaitableFormOf(definition)!;
        return rewritten.WithExpression(Retarget(rewritten.Expression, method, asyncName));
    }

    /// <summary>
    /// <c>Select(a.OnReceive(out var x), b.OnSend(v))</c> →
    /// <c>Bind(await Go.SelectAsync(a.OnReceive(), b.OnSend(v)), out var x)</c>: the out
    /// variables keep their place (same scope, same evaluation order) and get the chosen case's
    /// <c>Received&lt;T&gt;</c>; the value is the chosen index, as <c>Select</c>'s is.
    /// </summary>
    private ExpressionSyntax RewriteSelect(InvocationExpressionSyntax node, IMethodSymbol method, string site)
    {
        var rewritten = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
        var cases = new List<ArgumentSyntax>();
        var outs = new SortedDictionary<int, ArgumentSyntax>();
        SeparatedSyntaxList<ArgumentSyntax> arguments = rewritten.ArgumentList.Arguments;
        for (int i = 0; i < arguments.Count; i++)
        {
            ArgumentSyntax argument = arguments[i];
            if (argument.Expression is InvocationExpressionSyntax { ArgumentList.Arguments: { Count: > 0 } caseArguments } caseCall
                && caseArguments[caseArguments.Count - 1].RefKindKeyword.IsKind(SyntaxKind.OutKeyword))
            {
                outs[i] = caseArguments[caseArguments.Count - 1].WithoutTrivia();
                var remaining = caseCall.ArgumentList.WithArguments(SyntaxEdits.RemoveLast(caseArguments));
                argument = argument.WithExpression(caseCall.WithArgumentList(remaining));
            }

            cases.Add(argument);
        }

        var selectAsync = rewritten
            .WithExpression(Retarget(rewritten.Expression, method, "SelectAsync"))
            .WithArgumentList(rewritten.ArgumentList.WithArguments(SeparatedList(cases, arguments.GetSeparators())));
        var awaited = AwaitExpression(Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(Space), AtSite(site, selectAsync.WithoutTrivia()));

        if (outs.Count == 0)
        {
            ExpressionSyntax result = node.Parent is ExpressionStatementSyntax
                ? awaited
                : MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, ParenthesizedExpression(awaited), IdentifierName("Index"));
            return result.WithTriviaFrom(node);
        }

        int arity = outs.Keys.Max() + 1;
        SelectBindArities.Add(arity);
        var bindArguments = new List<ArgumentSyntax> { Argument(awaited) };
        for (int i = 0; i < arity; i++)
        {
            // A case without a target gets a true discard: `out _` would bind to a local named
            // `_` in scope (`using var _ = Defer(...)`), `out var _` never does.
            bindArguments.Add(outs.TryGetValue(i, out ArgumentSyntax? bound)
                ? bound
                : Argument(null, Token(SyntaxKind.OutKeyword).WithTrailingTrivia(Space), DeclarationExpression(IdentifierName("var"), DiscardDesignation()).NormalizeWhitespace()));
        }

        return InvocationExpression(ParseExpression(GeneratedNames.SelectBinder), ArgumentList(SyntaxEdits.CommaSeparated(bindArguments))).WithTriviaFrom(node);
    }

    /// <summary>A call to a [Goroutine] method → a call to its twin with <paramref name="entry"/> first.</summary>
    private InvocationExpressionSyntax TwinCall(InvocationExpressionSyntax node, IMethodSymbol method, string entry)
    {
        var rewritten = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
        string twinName = GeneratedNames.TwinName(method.Name);
        ArgumentSyntax entryArgument = Argument(ParseExpression(entry));

        if (method.ReducedFrom is not null && rewritten.Expression is MemberAccessExpressionSyntax extension)
        {
            // x.F(args) on an extension method: the twin is not an extension, so call it as a static.
            ExpressionSyntax target = StaticTarget(method.ReducedFrom, twinName, extension.Name);
            var receiver = Argument(extension.Expression.WithoutTrivia());
            return InvocationExpression(target, SyntaxEdits.Prepend(rewritten.ArgumentList, entryArgument, receiver)).WithTriviaFrom(rewritten);
        }

        return rewritten
            .WithExpression(Retarget(rewritten.Expression, method, twinName))
            .WithArgumentList(SyntaxEdits.Prepend(rewritten.ArgumentList, entryArgument));
    }

    /// <summary>
    /// Renames the called method, keeping the receiver and explicit type arguments. A static
    /// method is called through its fully qualified type, so that the awaitable form or twin
    /// resolves however the user reached the blocking one (<c>using static</c>, an alias...).
    /// </summary>
    private static ExpressionSyntax Retarget(ExpressionSyntax callee, IMethodSymbol method, string newName)
    {
        SimpleNameSyntax? name = callee switch
        {
            MemberAccessExpressionSyntax member => member.Name,
            SimpleNameSyntax simple => simple,
            _ => null,
        };
        if (name is null)
        {
            return callee;
        }

        if (method.IsStatic && method.ReducedFrom is null)
        {
            return StaticTarget(method, newName, name).WithTriviaFrom(callee);
        }

        SimpleNameSyntax renamed = Rename(name, newName);
        return callee is MemberAccessExpressionSyntax access ? access.WithName(renamed) : renamed;
    }

    private static ExpressionSyntax StaticTarget(IMethodSymbol method, string newName, SimpleNameSyntax originalName)
    {
        string type = method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        return MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, ParseExpression(type), Rename(originalName, newName).WithoutTrivia());
    }

    private static SimpleNameSyntax Rename(SimpleNameSyntax name, string newName)
    {
        SyntaxToken identifier = Identifier(newName).WithTriviaFrom(name.Identifier);
        return name is GenericNameSyntax generic
            ? generic.WithIdentifier(identifier)
            : IdentifierName(identifier);
    }

    /// <summary><c>await expr</c>, in parentheses where a postfix operator follows.</summary>
    private static ExpressionSyntax Await(ExpressionSyntax expression, SyntaxNode original)
    {
        var awaited = AwaitExpression(Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(Space), expression.WithoutTrivia());
        bool postfix = original.Parent is MemberAccessExpressionSyntax or ConditionalAccessExpressionSyntax
            or ElementAccessExpressionSyntax or InvocationExpressionSyntax or PostfixUnaryExpressionSyntax;
        ExpressionSyntax result = postfix ? ParenthesizedExpression(awaited) : awaited;
        return result.WithLeadingTrivia(expression.GetLeadingTrivia()).WithTrailingTrivia(expression.GetTrailingTrivia());
    }
}
