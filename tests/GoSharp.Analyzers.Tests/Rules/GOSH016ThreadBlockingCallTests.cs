using Verify = GoSharp.Analyzers.Tests.Support.Verify<GoSharp.Analyzers.Usage.GOSH016ThreadBlockingCallAnalyzer>;

namespace GoSharp.Analyzers.Tests.Rules;

public class GOSH016ThreadBlockingCallTests
{
    [Fact]
    public Task Flags_thread_blocking_calls_in_goroutine_methods_and_go_lambdas() => Verify.AnalyzerAsync("""
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Worker
        {
            private static readonly object Gate = new();
            private static readonly SemaphoreSlim Slots = new(2);

            [Goroutine]
            public static int Run(Task<int> pending, Task done, ManualResetEventSlim ready)
            {
                {|GOSH016:Thread.Sleep(100)|};
                {|GOSH016:done.Wait()|};
                int a = {|GOSH016:pending.Result|};
                int b = {|GOSH016:pending.GetAwaiter().GetResult()|};
                {|GOSH016:Monitor.Enter(Gate)|};
                {|GOSH016:Slots.Wait()|};
                {|GOSH016:ready.Wait()|};
                go(() => {|GOSH016:Thread.Sleep(TimeSpan.FromSeconds(1))|});
                go(() =>
                {
                    {|GOSH016:Task.WaitAll(done)|};
                });
                return a + b;
            }
        }
        """);

    [Fact]
    public Task Is_quiet_outside_goroutine_code_and_on_GoSharp_own_blocking_forms() => Verify.AnalyzerAsync("""
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Worker
        {
            // A plain method: blocking its thread is what the caller asked for.
            public static int Plain(Task<int> pending)
            {
                Thread.Sleep(10);
                return pending.Result;
            }

            [Goroutine]
            public static async void NotRewritten() { }

            [Goroutine]
            public static void Run(Task<int> pending, Chan<int> ch, WaitGroup wg)
            {
                Sleep(TimeSpan.FromMilliseconds(10));
                ch.Send(Await(pending));
                wg.Wait();
                // A lambda handed to another API is not goroutine code (GOSH007's territory).
                Action later = () => Thread.Sleep(10);
                _ = Task.Run(() => pending.Result);
                // A completed task's Result after awaiting it is still flagged only in goroutine code.
                Func<int> read = () => pending.Result;
                later();
                Console.WriteLine(read());
            }
        }
        """);

    [Fact]
    public Task Is_quiet_for_waits_that_return_at_once() => Verify.AnalyzerAsync("""
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Worker
        {
            private static readonly object Gate = new();

            [Goroutine]
            public static int Run(Task<int> pending, Task<int> other, SemaphoreSlim slots, ManualResetEvent ready)
            {
                Thread.Sleep(0);
                if (slots.Wait(0))
                {
                    slots.Release();
                }

                if (Monitor.TryEnter(Gate))
                {
                    Monitor.Exit(Gate);
                }

                bool set = ready.WaitOne(TimeSpan.Zero) || ready.WaitOne(millisecondsTimeout: 0);
                int sum = 0;
                Await(Task.WhenAll(pending, other));
                sum += pending.Result + other.GetAwaiter().GetResult();
                other.Wait();
                Task<int> later = Task.Run(() => 1);
                if (later.IsCompleted)
                {
                    sum += later.Result;
                }

                sum += later.IsCompletedSuccessfully ? later.Result : 0;
                return set ? sum : {|GOSH016:later.Result|};
            }
        }
        """);

    [Fact]
    public Task Sees_lambdas_given_to_GoroutineCode_parameters() => Verify.AnalyzerAsync("""
        using GoSharp;

        namespace GoSharp.CompilerServices
        {
            [AttributeUsage(AttributeTargets.Parameter)]
            public sealed class GoroutineCodeAttribute : Attribute { }
        }

        public static class Pool
        {
            public static void Submit([GoSharp.CompilerServices.GoroutineCode] Action work) => Go.go(work);

            public static void Plain(Action work) => work();
        }

        public static class Program
        {
            public static void Main()
            {
                Pool.Submit(() => {|GOSH016:Thread.Sleep(5)|});
                Pool.Plain(() => Thread.Sleep(5));
            }
        }
        """);
}
