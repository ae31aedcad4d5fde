using Verify = GoSharp.Analyzers.Tests.Support.Verify<GoSharp.Analyzers.Usage.GOSH018LostCancelAnalyzer>;

namespace GoSharp.Analyzers.Tests.Rules;

public class GOSH018LostCancelTests
{
    [Fact]
    public Task Flags_a_cancel_that_is_discarded_unused_or_skipped_by_a_return() => Verify.AnalyzerAsync("""
        using GoSharp;

        public static partial class Program
        {
            [Goroutine]
            public static void Discarded(Context parent)
            {
                var (ctx, {|GOSH018:_|}) = Context.WithTimeout(parent, TimeSpan.FromSeconds(1));
                Console.WriteLine(ctx.Err());
            }

            [Goroutine]
            public static void NeverCalled(Context parent)
            {
                var (ctx, {|GOSH018:cancel|}) = Context.WithCancel(parent);
                Console.WriteLine(ctx.Err());
            }

            [Goroutine]
            public static int SkippedByReturn(Context parent, bool quick)
            {
                var (ctx, {|GOSH018:cancel|}) = Context.WithDeadline(parent, DateTime.UtcNow.AddSeconds(1));
                if (quick)
                {
                    return 0;
                }

                Console.WriteLine(ctx.Err());
                cancel();
                return 1;
            }
        }
        """);

    [Fact]
    public Task Is_quiet_when_cancel_is_deferred_called_on_every_path_or_handed_on() => Verify.AnalyzerAsync("""
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Program
        {
            [Goroutine]
            public static void Deferred(Context parent)
            {
                var (ctx, cancel) = Context.WithTimeout(parent, TimeSpan.FromSeconds(1));
                using var _ = Defer(cancel);
                Console.WriteLine(ctx.Err());
            }

            [Goroutine]
            public static void CalledBeforeReturning(Context parent, bool quick)
            {
                var (ctx, cancel) = Context.WithCancel(parent);
                cancel();
                if (quick)
                {
                    return;
                }

                Console.WriteLine(ctx.Err());
            }

            public static (Context, Action) HandedOn(Context parent)
            {
                var (ctx, cancel) = Context.WithCancel(parent);
                return (ctx, cancel);
            }

            public static void CalledByAGoroutine(Context parent)
            {
                var (ctx, cancel) = Context.WithCancel(parent);
                go(() => cancel());
                Console.WriteLine(ctx.Err());
            }
        }
        """);

    /// <summary>The must-flag cases of vet's lostcancel testdata that C# can write, and a catch that returns.</summary>
    [Fact]
    public Task Flags_the_paths_vet_finds() => Verify.AnalyzerAsync("""
        using GoSharp;

        public static partial class Program
        {
            private static bool _condition;
            private static int _someInt;

            public static void CalledOnOneBranch(Context parent)
            {
                var (_, {|GOSH018:cancel|}) = Context.WithCancel(parent);
                if (_condition)
                {
                    cancel();
                }
            }

            public static void ABoundedLoopEnds(Context parent)
            {
                var (_, {|GOSH018:cancel|}) = Context.WithCancel(parent);
                if (_condition)
                {
                    cancel();
                }
                else
                {
                    for (int i = 0; i < 10; i++)
                    {
                        Console.WriteLine(i);
                    }
                }
            }

            public static void ACaseFallsOut(Context parent)
            {
                var (_, {|GOSH018:cancel|}) = Context.WithCancel(parent);
                switch (_someInt)
                {
                    case 0:
                        throw new InvalidOperationException();
                    case 1:
                        Environment.Exit(1);
                        break;
                    case 2:
                        cancel();
                        break;
                    case 3:
                        Console.WriteLine("hi"); // leaves the switch and the function
                        break;
                }
            }

            public static void InAGoroutine(Context parent) => Go.go(() =>
            {
                var (ctx, {|GOSH018:cancel|}) = Context.WithCancel(parent);
                if (_condition)
                {
                    cancel();
                }

                Console.WriteLine(ctx.Err());
            });

            public static void EachIterationMakesOne(Context parent, int[] items)
            {
                foreach (int item in items)
                {
                    var (ctx, {|GOSH018:cancel|}) = Context.WithTimeout(parent, TimeSpan.FromSeconds(item));
                    if (item < 0)
                        continue;
                    Console.WriteLine(ctx.Err());
                    cancel();
                }
            }

            public static void ACatchReturns(Context parent)
            {
                var (ctx, {|GOSH018:cancel|}) = Context.WithCancel(parent);
                try
                {
                    Console.WriteLine(ctx.Err());
                }
                catch (IOException)
                {
                    return;
                }

                cancel();
            }
        }
        """);

    /// <summary>The must-not-flag cases of vet's lostcancel testdata, in C#.</summary>
    [Fact]
    public Task Is_quiet_for_the_paths_vet_accepts() => Verify.AnalyzerAsync("""
        using GoSharp;

        public static partial class Program
        {
            private static bool _condition;
            private static int _someInt;

            // The other branch never ends.
            public static void AnEndlessLoopElsewhere(Context parent)
            {
                var (_, cancel) = Context.WithCancel(parent);
                if (_condition)
                {
                    cancel();
                }
                else
                {
                    for (;;)
                    {
                        Console.WriteLine(0);
                    }
                }
            }

            // Every other case throws or exits the process.
            public static void EveryOtherCaseEnds(Context parent)
            {
                var (_, cancel) = Context.WithCancel(parent);
                switch (_someInt)
                {
                    case 0:
                        throw new InvalidOperationException();
                    case 1:
                        Environment.Exit(1);
                        break;
                    case 2:
                        cancel();
                        break;
                    default:
                        Environment.FailFast("unreachable");
                        break;
                }
            }

            // Go issue 16230: returned to the caller.
            public static (Context Ctx, Action Cancel) Named(Context parent)
            {
                (Context ctx, Action cancel) = Context.WithCancel(parent);
                return (ctx, cancel);
            }

            // Go issue 31856: a lambda assigns the variable, its parent calls it.
            public static void AssignedInALambda(Context parent)
            {
                Action cancel = () => { };
                Action make = () =>
                {
                    (_, cancel) = Context.WithCancel(parent);
                };
                make();
                cancel();
            }

            public static void InFinally(Context parent)
            {
                var (ctx, cancel) = Context.WithCancel(parent);
                try
                {
                    if (_condition)
                        return;
                    Console.WriteLine(ctx.Err());
                }
                finally
                {
                    cancel();
                }
            }

            public static void ViaInvoke(Context parent)
            {
                var (_, cancel) = Context.WithCancel(parent);
                cancel.Invoke();
            }
        }
        """);
}
