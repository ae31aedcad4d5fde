using GoSharp.CodeFixes;
using Verify = GoSharp.Analyzers.Tests.Support.Verify<GoSharp.Analyzers.Usage.GOSH016ThreadBlockingCallAnalyzer>;

namespace GoSharp.Analyzers.Tests.Fixes;

public class GOSH016ThreadBlockingCallCodeFixTests
{
    [Fact]
    public Task Uses_the_static_import_when_the_file_has_one() => Verify.CodeFixAsync<GOSH016ThreadBlockingCallCodeFix>("""
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Worker
        {
            [Goroutine]
            public static int Run(Task<int> pending, Task<int> other, Task done)
            {
                {|GOSH016:Thread.Sleep(100)|};
                {|GOSH016:Thread.Sleep(TimeSpan.FromSeconds(1))|};
                {|GOSH016:done.Wait()|};
                int a = {|GOSH016:pending.Result|};
                return a + {|GOSH016:other.GetAwaiter().GetResult()|};
            }
        }
        """, """
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Worker
        {
            [Goroutine]
            public static int Run(Task<int> pending, Task<int> other, Task done)
            {
                Sleep(TimeSpan.FromMilliseconds(100));
                Sleep(TimeSpan.FromSeconds(1));
                Await(done);
                int a = Await(pending);
                return a + Await(other);
            }
        }
        """);

    [Fact]
    public Task Qualifies_with_Go_without_the_static_import() => Verify.CodeFixAsync<GOSH016ThreadBlockingCallCodeFix>("""
        using GoSharp;

        public static partial class Worker
        {
            public static void Start(Task<string> reply) => Go.go(() =>
            {
                {|GOSH016:Thread.Sleep(5)|};
                Console.WriteLine({|GOSH016:reply.Result|});
            });
        }
        """, """
        using GoSharp;

        public static partial class Worker
        {
            public static void Start(Task<string> reply) => Go.go(() =>
            {
                Go.Sleep(TimeSpan.FromMilliseconds(5));
                Console.WriteLine(Go.Await(reply));
            });
        }
        """);

    [Fact]
    public Task Spells_out_GoSharp_when_no_using_brings_it_in() => Verify.CodeFixAsync<GOSH016ThreadBlockingCallCodeFix>("""
        public static partial class Worker
        {
            [GoSharp.Goroutine]
            public static void Run() => {|GOSH016:Thread.Sleep(5)|};
        }
        """, """
        public static partial class Worker
        {
            [GoSharp.Goroutine]
            public static void Run() => GoSharp.Go.Sleep(TimeSpan.FromMilliseconds(5));
        }
        """);

    /// <summary>
    /// Every <c>SemaphoreSlim.Wait</c> overload has a <c>WaitAsync</c> twin with the same
    /// arguments and its result in a Task; a ValueTask becomes a Task first; <c>Task.WaitAll</c>
    /// without a timeout or token is <c>Task.WhenAll</c>. Fix All replaces them all; the calls
    /// without a mechanical fix keep their diagnostic (an event's Wait here; see also
    /// <see cref="Offers_no_fix_where_none_is_safe"/>).
    /// </summary>
    [Fact]
    public Task Awaits_the_async_forms_of_semaphores_value_tasks_and_WaitAll() => Verify.CodeFixAsync<GOSH016ThreadBlockingCallCodeFix>("""
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Worker
        {
            private static readonly SemaphoreSlim Slots = new(2);

            [Goroutine]
            public static int Run(ValueTask<int> pending, ValueTask done, Task a, Task<int> b, CancellationToken token, ManualResetEventSlim ready)
            {
                {|GOSH016:Slots.Wait()|};
                bool entered = {|GOSH016:Slots.Wait(100)|};
                {|GOSH016:Slots.Wait(token)|};
                entered &= {|GOSH016:Slots.Wait(TimeSpan.FromSeconds(1), token)|};
                int value = {|GOSH016:pending.Result|};
                {|GOSH016:done.GetAwaiter().GetResult()|};
                {|GOSH016:Task.WaitAll(a, b)|};
                {|GOSH016:Task.WaitAll(new[] { a, b })|};
                {|GOSH016:ready.Wait()|};
                return entered ? value : 0;
            }
        }
        """, """
        using GoSharp;
        using static GoSharp.Go;

        public static partial class Worker
        {
            private static readonly SemaphoreSlim Slots = new(2);

            [Goroutine]
            public static int Run(ValueTask<int> pending, ValueTask done, Task a, Task<int> b, CancellationToken token, ManualResetEventSlim ready)
            {
                Await(Slots.WaitAsync());
                bool entered = Await(Slots.WaitAsync(100));
                Await(Slots.WaitAsync(token));
                entered &= Await(Slots.WaitAsync(TimeSpan.FromSeconds(1), token));
                int value = Await(pending.AsTask());
                Await(done.AsTask());
                Await(Task.WhenAll(a, b));
                Await(Task.WhenAll(new[] { a, b }));
                {|GOSH016:ready.Wait()|};
                return entered ? value : 0;
            }
        }
        """);

    /// <summary>
    /// A private <c>object</c> field that only <c>Monitor.Enter</c>/<c>Exit</c> and <c>lock</c> use
    /// becomes a GoSharp Mutex, with every one of those uses in the document; both Enter
    /// diagnostics give the same edit, so Fix All gives it once.
    /// </summary>
    [Fact]
    public Task Turns_a_Monitor_lock_object_into_a_GoSharp_Mutex() => Verify.CodeFixAsync<GOSH016ThreadBlockingCallCodeFix>("""
        using GoSharp;
        using static GoSharp.Go;

        public partial class Counter
        {
            private readonly object _gate = new object();
            private int _count;

            [Goroutine]
            public void Add(Chan<int> done)
            {
                {|GOSH016:Monitor.Enter(_gate)|};
                try
                {
                    _count++;
                }
                finally
                {
                    Monitor.Exit(_gate);
                }

                done.Send(_count);
            }

            [Goroutine]
            public int Read()
            {
                {|GOSH016:Monitor.Enter(this._gate)|};
                int count = _count;
                Monitor.Exit(this._gate);
                return count;
            }

            public void Reset()
            {
                lock (_gate)
                {
                    _count = 0;
                }
            }
        }
        """, """
        using GoSharp;
        using static GoSharp.Go;

        public partial class Counter
        {
            private readonly GoSharp.Mutex _gate = new();
            private int _count;

            [Goroutine]
            public void Add(Chan<int> done)
            {
                _gate.Lock();
                try
                {
                    _count++;
                }
                finally
                {
                    _gate.Unlock();
                }

                done.Send(_count);
            }

            [Goroutine]
            public int Read()
            {
                this._gate.Lock();
                int count = _count;
                this._gate.Unlock();
                return count;
            }

            public void Reset()
            {
                _gate.Lock();
                using var _ = Defer(_gate.Unlock);
                _count = 0;
            }
        }
        """, GOSH016ThreadBlockingCallCodeFix.MutexKey);

    /// <summary>
    /// No fix where it would change what the code means: <c>Task.WaitAll</c> with a timeout or a
    /// token (<c>WhenAll</c> has neither); and no Mutex where the change could be seen: a field
    /// that is not private, not <c>new object()</c>, used by <c>Monitor.Wait</c>, locked inside
    /// its own lock (reentrant), or a local.
    /// </summary>
    [Fact]
    public Task Offers_no_fix_where_none_is_safe() => Verify.CodeFixAsync<GOSH016ThreadBlockingCallCodeFix>(Unsafe, Unsafe);

    private const string Unsafe = """
        using GoSharp;

        public partial class Shared
        {
            internal readonly object Visible = new object();
            private readonly object _given;
            private readonly object _waited = new object();
            private readonly object _nested = new object();

            public Shared(object given) => _given = given;

            [Goroutine]
            public void Run(Task a, Task b, CancellationToken token)
            {
                {|GOSH016:Task.WaitAll(new[] { a, b }, 1000)|};
                {|GOSH016:Task.WaitAll(new[] { a }, token)|};
                {|GOSH016:Monitor.Enter(Visible)|};
                Monitor.Exit(Visible);
                {|GOSH016:Monitor.Enter(_given)|};
                Monitor.Exit(_given);
                {|GOSH016:Monitor.Enter(_waited)|};
                {|GOSH016:Monitor.Wait(_waited)|};
                Monitor.Exit(_waited);
                var local = new object();
                {|GOSH016:Monitor.Enter(local)|};
                Monitor.Exit(local);
            }

            public void Nested()
            {
                lock (_nested)
                {
                    lock (_nested)
                    {
                    }
                }
            }

            [Goroutine]
            public void Enter()
            {
                {|GOSH016:Monitor.Enter(_nested)|};
                Monitor.Exit(_nested);
            }
        }
        """;
}

