using System.Collections.Immutable;
using System.Linq;
using GoSharp.Analyzers.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace GoSharp.Analyzers.Usage;

/// <summary>
/// GOSH016: <c>Thread.Sleep</c>, <c>Task.Wait</c>, <c>.Result</c>, <c>GetAwaiter().GetResult()</c>,
/// <c>Monitor.Enter</c>, <c>SemaphoreSlim.Wait</c>, <c>WaitHandle.WaitOne</c> and the like in goroutine
/// code: they block the OS thread under the goroutine (the scheduler hands its other work to
/// another thread, but the thread is gone until the call returns), where GoSharp's own forms park.
/// Waits that return at once are fine (<see cref="NonBlockingWaits"/>): a zero timeout,
/// <c>Monitor.TryEnter</c> without one, the result of a task awaited before or checked with
/// <c>IsCompleted</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GOSH016ThreadBlockingCallAnalyzer : UsageAnalyzer
{
    /// <summary>The rule's ID.</summary>
    public const string Id = "GOSH016";

    /// <summary>
    /// Diagnostic property naming the code fix that applies: <see cref="SleepFix"/>,
    /// <see cref="AwaitFix"/>, <see cref="WaitAsyncFix"/>, <see cref="AsTaskFix"/>,
    /// <see cref="WhenAllFix"/> or <see cref="MutexFix"/>; absent where no mechanical fix exists.
    /// </summary>
    public const string FixProperty = "Fix";

    /// <summary><c>Thread.Sleep(x)</c> becomes <c>Sleep(x)</c>.</summary>
    public const string SleepFix = "Sleep";

    /// <summary><c>task.Wait()</c>, <c>task.Result</c>, <c>task.GetAwaiter().GetResult()</c> become <c>Await(task)</c>.</summary>
    public const string AwaitFix = "Await";

    /// <summary><c>sem.Wait(args)</c> on a <c>SemaphoreSlim</c> becomes <c>Await(sem.WaitAsync(args))</c>.</summary>
    public const string WaitAsyncFix = "WaitAsync";

    /// <summary><c>valueTask.Result</c> and <c>valueTask.GetAwaiter().GetResult()</c> become <c>Await(valueTask.AsTask())</c>.</summary>
    public const string AsTaskFix = "AsTask";

    /// <summary><c>Task.WaitAll(tasks)</c> without a timeout or token becomes <c>Await(Task.WhenAll(tasks))</c>.</summary>
    public const string WhenAllFix = "WhenAll";

    /// <summary>
    /// <c>Monitor.Enter(gate)</c>: the fix makes <c>gate</c> a GoSharp <c>Mutex</c> where that is
    /// safe (a private field set to <c>new object()</c> that only <c>Monitor.Enter</c>/<c>Exit</c> and <c>lock</c> use).
    /// </summary>
    public const string MutexFix = "Mutex";

    private const string UseAsTask = "Await(task.AsTask()), which parks the goroutine until the task completes";

    private const string UseAwait = "Await(task), which parks the goroutine until the task completes";
    private const string UseChannel = "a channel, a WaitGroup or Cond from GoSharp, which park the goroutine";

    /// <summary>Creates the analyzer.</summary>
    public GOSH016ThreadBlockingCallAnalyzer()
        : base(DiagnosticDescriptors.ThreadBlockingCall)
    {
    }

    private protected override void Register(CompilationStartAnalysisContext start, GoroutineCode goroutines)
    {
        INamedTypeSymbol? task = start.Compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        start.RegisterSyntaxNodeAction(node => AnalyzeInvocation(node, goroutines, task), SyntaxKind.InvocationExpression);
        start.RegisterSyntaxNodeAction(node => AnalyzeResult(node, goroutines, task), SyntaxKind.SimpleMemberAccessExpression);
    }

    private void AnalyzeInvocation(SyntaxNodeAnalysisContext context, GoroutineCode goroutines, INamedTypeSymbol? task)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        string? name = invocation.Expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };
        if (name is null || !IsCandidateName(name)
            || context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken).Symbol is not IMethodSymbol method)
        {
            return;
        }

        (string? advice, string? fix) = Classify(method, invocation, context.SemanticModel, task);
        if (advice is not null
            && goroutines.EnclosingGoroutine(invocation, context.SemanticModel, context.CancellationToken) is SyntaxNode function
            && !NonBlockingWaits.HasZeroTimeout(method, invocation, context.SemanticModel, context.CancellationToken)
            && !(TaskWaitedBy(invocation) is ExpressionSyntax waited && NonBlockingWaits.IsComplete(waited, function, context.SemanticModel, context.CancellationToken)))
        {
            Report(context, invocation, method.ContainingType.Name + "." + method.Name, advice, fix);
        }
    }

    /// <summary>The task of <c>task.Wait(...)</c> or <c>task.GetAwaiter().GetResult()</c>; null for other calls.</summary>
    private static ExpressionSyntax? TaskWaitedBy(InvocationExpressionSyntax call) => call.Expression switch
    {
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait", Expression: var task } => task,
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetResult", Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter", Expression: var task } } } => task,
        _ => null,
    };

    private void AnalyzeResult(SyntaxNodeAnalysisContext context, GoroutineCode goroutines, INamedTypeSymbol? task)
    {
        var member = (MemberAccessExpressionSyntax)context.Node;
        if (member.Name.Identifier.ValueText != "Result"
            || context.SemanticModel.GetSymbolInfo(member, context.CancellationToken).Symbol is not IPropertySymbol property
            || !IsTaskType(property.ContainingType, task, out bool isValueTask)
            || goroutines.EnclosingGoroutine(member, context.SemanticModel, context.CancellationToken) is not SyntaxNode function
            || NonBlockingWaits.IsComplete(member.Expression, function, context.SemanticModel, context.CancellationToken))
        {
            return;
        }

        Report(context, member, property.ContainingType.Name + ".Result", isValueTask ? UseAsTask : UseAwait, isValueTask ? AsTaskFix : AwaitFix);
    }

    private void Report(SyntaxNodeAnalysisContext context, SyntaxNode where, string call, string advice, string? fix)
    {
        ImmutableDictionary<string, string?> properties = fix is null
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add(FixProperty, fix);
        context.ReportDiagnostic(Diagnostic.Create(Descriptor, where.GetLocation(), properties, call, advice));
    }

    private static bool IsCandidateName(string name) => name switch
    {
        "Sleep" or "Join" or "Wait" or "WaitAll" or "WaitAny" or "GetResult" or "Enter" or "TryEnter" or "WaitOne"
            or "SignalAndWait" or "Take" => true,
        _ => false,
    };

    /// <summary>What to use instead of <paramref name="method"/>, and which fix applies; (null, null) for a call that does not block the thread.</summary>
    private static (string? Advice, string? Fix) Classify(IMethodSymbol method, InvocationExpressionSyntax invocation, SemanticModel model, INamedTypeSymbol? task)
    {
        INamedTypeSymbol type = method.ContainingType.OriginalDefinition;
        string ns = type.ContainingNamespace?.ToDisplayString() ?? "";
        switch (ns, type.MetadataName, method.Name)
        {
            case ("System.Threading", "Thread", "Sleep"):
                return ("Sleep(...), which parks the goroutine on a timer", SleepFix);
            case ("System.Threading", "Thread", "Join"):
                return (UseChannel, null);
            case ("System.Threading.Tasks", "Task" or "Task`1", "Wait"):
                // Only the plain Wait() is exactly Await(task); the timeout and token forms are not.
                return (UseAwait, method.Parameters.Length == 0 && invocation.Parent is ExpressionStatementSyntax ? AwaitFix : null);
            case ("System.Threading.Tasks", "Task", "WaitAll"):
                return ("Await(Task.WhenAll(...))", method.ReturnsVoid && OnlyTasksPassed(invocation, model) ? WhenAllFix : null);
            case ("System.Threading.Tasks", "Task", "WaitAny"):
                return ("Await(Task.WhenAny(...))", null);
            case ("System.Runtime.CompilerServices", "TaskAwaiter" or "TaskAwaiter`1", "GetResult"):
                return (UseAwait, IsGetAwaiterOfTask(invocation, model, task) ? AwaitFix : null);
            case ("System.Runtime.CompilerServices", "ValueTaskAwaiter" or "ValueTaskAwaiter`1", "GetResult"):
                return (UseAsTask, TaskWaitedBy(invocation) is not null ? AsTaskFix : null);
            case ("System.Threading", "Monitor", "Enter"):
                return ("GoSharp's Mutex (Lock/Unlock), which parks the goroutine", method.Parameters.Length == 1 ? MutexFix : null);
            case ("System.Threading", "Monitor", "TryEnter" or "Wait"):
                return ("GoSharp's Mutex (Lock/Unlock) or Cond, which park the goroutine", null);
            case ("System.Threading", "SemaphoreSlim", "Wait"):
                return ("Await(sem.WaitAsync(...)), or GoSharp's Semaphore (Acquire/Release), which park the goroutine", WaitAsyncFix);
            case ("System.Threading", "ManualResetEventSlim" or "CountdownEvent", "Wait"):
            case ("System.Threading", "WaitHandle", "WaitOne" or "WaitAll" or "WaitAny" or "SignalAndWait"):
            case ("System.Threading", "Barrier", "SignalAndWait"):
                return (UseChannel, null);
            case ("System.Collections.Concurrent", "BlockingCollection`1", "Take"):
                return ("a Chan<T>, whose Receive parks the goroutine", null);
            default:
                return (null, null);
        }
    }

    /// <summary>True if every argument of <c>Task.WaitAll(...)</c> is a task (or the tasks): no timeout, no token.</summary>
    private static bool OnlyTasksPassed(InvocationExpressionSyntax invocation, SemanticModel model) =>
        model.GetOperation(invocation) is Microsoft.CodeAnalysis.Operations.IInvocationOperation operation
        && operation.Arguments.All(a => a.Parameter?.Ordinal == 0 || a.ArgumentKind == Microsoft.CodeAnalysis.Operations.ArgumentKind.DefaultValue);

    /// <summary>True for <c>task.GetAwaiter().GetResult()</c> on a <c>Task</c> or <c>Task&lt;T&gt;</c>.</summary>
    private static bool IsGetAwaiterOfTask(InvocationExpressionSyntax getResult, SemanticModel model, INamedTypeSymbol? task) =>
        getResult.Expression is MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax getAwaiter } }
        && getAwaiter.Name.Identifier.ValueText == "GetAwaiter"
        && model.GetTypeInfo(getAwaiter.Expression).Type is INamedTypeSymbol receiver
        && IsTaskType(receiver, task, out bool isValueTask)
        && !isValueTask;

    private static bool IsTaskType(INamedTypeSymbol type, INamedTypeSymbol? task, out bool isValueTask)
    {
        INamedTypeSymbol definition = type.OriginalDefinition;
        isValueTask = definition.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks" && definition.Name == "ValueTask";
        if (isValueTask)
        {
            return true;
        }

        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, task))
            {
                return true;
            }
        }

        return false;
    }
}
