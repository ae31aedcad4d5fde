using GoSharp.Generator.Analysis;
using GoSharp.Generator.Rewriting.Loops;
using GoSharp.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoSharp.Generator.Tests;

/// <summary>
/// Which loops the outliner runs as synchronous helpers, and, for each one it keeps in the state
/// machine, the reason it gives (the rule of docs/generator.md, "Loop outlining", as the code says it).
/// </summary>
public class LoopOutliningDecisionTests
{
    [Fact]
    public void Each_loop_that_keeps_the_in_place_checkpoint_says_which_rule_kept_it()
    {
        const string Source = """
            using GoSharp;

            public static partial class Program
            {
                [Goroutine]
                static long Loops(int n, Chan<int> ch, List<int> list)
                {
                    long sum = 0;
                    for (int i = 0; i < n; i++) { sum += i; }                      // outlined
                    for (int i = 0; i < n; i++) { ch.Send(i); }                    // a park site
                    while (sum > 0) { if (sum == 3) return sum; sum--; }          // a jump out of the loop
                    foreach (int v in list) { sum += v; }                          // foreach over a List
                    for (int i = 0; i < n; i++) { Func<int> f = () => i; sum += f(); } // a lambda
                    for (int i = 0; i < n; i++) { for (;;) { for (;;) { break; } break; } } // a nested loop
                    int late;
                    for (int i = 0; i < n; i++) { late = i; }                      // not definitely assigned
                    int[] items = new int[n];
                    foreach (int v in items) { sum += v; }                         // outlined
                    return sum;
                }
            }
            """;
        var compilation = GeneratorHarness.Compile(Source);
        SyntaxTree tree = compilation.SyntaxTrees.First();
        SemanticModel model = compilation.GetSemanticModel(tree);
        BlockSyntax body = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single().Body!;
        var known = KnownSymbols.From(compilation);
        var outliner = new LoopOutliner(model, known, body, ParkingLocalFunctions.Find(body, model, known, default), default);

        var outlined = new List<int>();
        foreach (StatementSyntax loop in body.Statements.Where(s => s is ForStatementSyntax or WhileStatementSyntax or CommonForEachStatementSyntax))
        {
            if (outliner.TryOutline(loop, "__goPreempt0") is not null)
            {
                outlined.Add(tree.GetLineSpan(loop.Span).StartLinePosition.Line + 1);
            }
        }

        int LineOf(string comment) => Source.Split('\n').ToList().FindIndex(l => l.Contains("// " + comment, StringComparison.Ordinal)) + 1;
        Assert.Equal([LineOf("outlined"), Source.Split('\n').ToList().FindLastIndex(l => l.Contains("// outlined", StringComparison.Ordinal)) + 1], outlined);
        Assert.Equal(
            [
                (LineOf("a park site"), "a park site"),
                (LineOf("a jump out of the loop"), "a jump out of the loop"),
                (LineOf("foreach over a List"), "only for, while and do loops and foreach over an array or string are outlined"),
                (LineOf("a lambda"), "an await, lambda, local function or query"),
                (LineOf("a nested loop"), "a nested loop"),
                (LineOf("not definitely assigned"), "'late' is written by the loop but not definitely assigned before it"),
            ],
            outliner.Refusals);
    }
}
