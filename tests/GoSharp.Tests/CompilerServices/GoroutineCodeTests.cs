using System.Collections.Concurrent;
using System.Reflection;
using GoSharp.Runtime;
using GoSharp.Tests.Support;

namespace GoSharp.Tests.CompilerServices;

/// <summary>
/// The APIs whose delegate parameter is goroutine code (<see cref="GoroutineCodeAttribute"/>):
/// each has an async overload, and the async overload behaves like the plain one except that the
/// function parks instead of blocking its thread.
/// </summary>
public class GoroutineCodeTests
{
    /// <summary>The APIs that start a function in a goroutine of its own.</summary>
    public static TheoryData<string> Starters => new()
    {
        "go", "WaitGroup.Go", "ErrGroup.Go", "ErrGroup.TryGo", "ErrGroup.GoAsync", "AfterFunc",
    };

    /// <summary>Starts functions the way the named API does, and waits for what it started.</summary>
    private sealed class Starter(string how)
    {
        private readonly WaitGroup _wg = new();
        private static readonly TimeSpan Soon = TimeSpan.FromMilliseconds(1);
        private readonly ErrGroup _group = new();

        public bool ReportsErrors => how.StartsWith("ErrGroup", StringComparison.Ordinal);

        /// <summary>Starts <paramref name="f"/> through the overload of its type: the async one for a <c>Func&lt;GoTask&gt;</c>, else the plain one.</summary>
        public async GoTask StartAsync(Delegate f)
        {
            var (async, plain) = (f as Func<GoTask>, f as Action);
            switch (how)
            {
                case "go": if (async is null) Go.go(plain!); else Go.go(async); break;
                case "WaitGroup.Go": if (async is null) _wg.Go(plain!); else _wg.Go(async); break;
                case "ErrGroup.Go": if (async is null) _group.Go(plain!); else _group.Go(async); break;
                case "ErrGroup.TryGo": Assert.True(async is null ? _group.TryGo(plain!) : _group.TryGo(async)); break;
                case "ErrGroup.GoAsync": await (async is null ? _group.GoAsync(plain!) : _group.GoAsync(async)); break;
                case "AfterFunc": _ = async is null ? Go.AfterFunc(Soon, plain!) : Go.AfterFunc(Soon, async); break;
                default: throw new ArgumentOutOfRangeException(nameof(how), how, null);
            }
        }

        /// <summary>Waits for the group (a no-op for the starters without one); the group's first error.</summary>
        public Exception? Wait()
        {
            _wg.Wait();
            return _group.Wait();
        }
    }

    private sealed class ProbeException(string message) : Exception(message);

    [Theory]
    [MemberData(nameof(Starters))]
    public void An_async_function_runs_as_a_goroutine_of_its_own_and_parks(string how)
    {
        G g = RunGated(how, (gate, started, finished) => new Func<GoTask>(async () =>
        {
            Assert.True(started.TrySend(Sched.CurrentG!));
            await gate.ReceiveAsync();
            Assert.True(finished.TrySend(true));
        }), g => Volatile.Read(ref g.status) == GStatus.Waiting && g.waitreason == WaitReason.ChanReceive && g.BlockedThread is null, out long callerId);
        Assert.NotEqual(callerId, g.goid);
    }

    [Theory]
    [MemberData(nameof(Starters))]
    public void A_plain_function_runs_as_a_goroutine_of_its_own_and_blocks_its_thread(string how)
    {
        G g = RunGated(how, (gate, started, finished) => new Action(() =>
        {
            Assert.True(started.TrySend(Sched.CurrentG!));
            gate.Receive();
            Assert.True(finished.TrySend(true));
        }), g => g.BlockedThread is not null, out long callerId);
        Assert.NotEqual(callerId, g.goid);
    }

    /// <summary>
    /// Starts the function <paramref name="make"/> builds (it reports its goroutine on the second
    /// channel, waits for the first, reports on the third) from a main goroutine, waits until the
    /// goroutine is <paramref name="waiting"/> (parked, or blocking its thread), releases it, and
    /// waits for it and its group. Returns the function's goroutine.
    /// </summary>
    private static G RunGated(string how, Func<Chan<int>, Chan<G>, Chan<bool>, Delegate> make, Func<G, bool> waiting, out long callerId)
    {
        var starter = new Starter(how);
        var gate = new Chan<int>();
        var started = new Chan<G>(1);
        var finished = new Chan<bool>(1);
        Delegate f = make(gate, started, finished);
        long caller = 0;
        G? g = null;
        Deadline.Run(() =>
        {
            Go.Run(async () =>
            {
                caller = Sched.CurrentG!.goid;
                await starter.StartAsync(f);
            });

            g = started.Receive();
            Assert.True(Deadline.WaitUntil(() => waiting(g)), $"the goroutine did not wait as expected:\n{Go.DumpGoroutines()}");
            gate.Send(1);
            Assert.True(finished.Receive());
            Assert.Null(starter.Wait());
        });
        callerId = caller;
        return g!;
    }

    [Theory]
    [MemberData(nameof(Starters))]
    public void An_exception_after_a_park_is_not_lost_in_either_form(string how)
    {
        var seen = new ConcurrentQueue<string>();
        EventHandler<GoroutineExceptionEventArgs> hook = (_, args) =>
        {
            if (args.Exception is ProbeException probe)
            {
                seen.Enqueue(probe.Message);
                args.Handled = true;
            }
        };
        Go.UnhandledException += hook;
        try
        {
            var starter = new Starter(how);
            var errors = new List<string>();
            Deadline.Run(() =>
            {
                Go.Run(async () =>
                {
                    await starter.StartAsync(new Func<GoTask>(async () =>
                    {
                        await Go.GoschedAsync();
                        throw new ProbeException("async");
                    }));
                    await starter.StartAsync(new Action(() => throw new ProbeException("plain")));
                });

                if (starter.ReportsErrors)
                {
                    // The group's Wait returns the first failure; the hook never sees it.
                    Exception? first = starter.Wait();
                    Assert.IsType<ProbeException>(first);
                    errors.Add(first!.Message);
                }
                else
                {
                    Assert.True(Deadline.WaitUntil(() => seen.Count == 2), $"the hook saw {seen.Count} of 2 exceptions");
                    Assert.Null(starter.Wait()); // WaitGroup.Go still counts a failed function done
                    errors.AddRange(seen);
                }
            });

            Assert.NotEmpty(errors);
            Assert.All(errors, e => Assert.Contains(e, new[] { "async", "plain" }));
            if (!starter.ReportsErrors)
            {
                Assert.Equal(new[] { "async", "plain" }, errors.Order());
            }
        }
        finally
        {
            Go.UnhandledException -= hook;
        }
    }

    [Fact]
    public void An_async_AfterFunc_stops_and_resets_like_a_plain_one()
    {
        // Stop comes right after AfterFunc, so it finds the timer armed unless this thread
        // stalls for the whole first delay: a second, on a loaded machine.
        TimeSpan first = TimeSpan.FromSeconds(1), again = TimeSpan.FromMilliseconds(20);
        int runs = 0;
        var ran = new Chan<int>(2);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Timer t = Go.AfterFunc(first, async () =>
        {
            await Go.GoschedAsync(); // goroutine code: it may park
            ran.Send(Interlocked.Increment(ref runs));
        });
        Assert.True(t.C.IsNil);
        Assert.True(t.Stop(), $"the timer had fired after {clock.ElapsedMilliseconds} ms"); // stopped before it fired
        Assert.False(t.Stop()); // already stopped

        Assert.False(t.Reset(again)); // was not active; runs the function once more, as in Go
        Assert.Equal(1, ran.Receive());
        Assert.False(t.Stop()); // had fired

        // Past the first deadline, the stopped arming has not run the function a second time.
        Go.After(first + first / 2 - clock.Elapsed).Receive();
        Assert.False(ran.TryReceive(out _));
        Assert.Equal(1, Volatile.Read(ref runs));
    }

    [Fact]
    public void Once_DoAsync_with_a_parking_function_rethrows_to_its_caller_and_counts_as_done()
    {
        var once = new Once();
        int later = 0;
        Exception? caught = null;
        Deadline.Run(() => Go.Run(async () =>
        {
            try
            {
                await once.DoAsync(async () =>
                {
                    await Go.SleepAsync(TimeSpan.FromMilliseconds(1));
                    throw new ProbeException("once");
                });
            }
            catch (ProbeException e)
            {
                caught = e;
            }

            await once.DoAsync(async () =>
            {
                await Go.GoschedAsync();
                later++;
            });
        }));

        Assert.Equal("once", caught?.Message);
        Assert.True(once.IsDone);
        Assert.Equal(0, later);
    }

    [Fact]
    public void Every_goroutine_code_parameter_has_its_async_counterpart()
    {
        var marked = new List<string>();
        foreach (Type type in typeof(Go).Assembly.GetExportedTypes())
        {
            MethodInfo[] methods = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly);
            foreach (MethodInfo method in methods)
            {
                ParameterInfo[] parameters = method.GetParameters();
                foreach (ParameterInfo parameter in parameters.Where(p => p.IsDefined(typeof(GoroutineCodeAttribute))))
                {
                    marked.Add($"{type.Name}.{method.Name}({parameter.ParameterType.Name})");
                    string[] wanted = parameters
                        .Select(p => p == parameter ? AsyncForm(p.ParameterType).ToString() : p.ParameterType.ToString())
                        .ToArray();
                    string? awaitableForm = method.GetCustomAttribute<AwaitableFormAttribute>()?.MethodName;
                    bool found = methods.Any(m =>
                        (m.Name == method.Name || m.Name == awaitableForm)
                        && m.GetParameters().Select(p => p.ParameterType.ToString()).SequenceEqual(wanted));
                    Assert.True(found, $"{type.Name}.{method.Name}: no overload (or awaitable form) takes ({string.Join(", ", wanted)})");
                }
            }
        }

        Assert.Subset(marked.ToHashSet(), new HashSet<string>
        {
            "Go.go(Action)", "Go.go(Func`1)", "Go.AfterFunc(Action)", "Go.AfterFunc(Func`1)",
            "WaitGroup.Go(Action)", "WaitGroup.Go(Func`1)",
            "ErrGroup.Go(Action)", "ErrGroup.Go(Func`1)", "ErrGroup.TryGo(Action)", "ErrGroup.TryGo(Func`1)",
            "ErrGroup.GoAsync(Action)", "ErrGroup.GoAsync(Func`1)",
            "Once.Do(Action)", "Once.DoAsync(Action)", "Once.DoAsync(Func`1)",
        });
    }

    /// <summary>The async delegate type of the contract: Action → Func&lt;GoTask&gt;, Func&lt;T&gt; → Func&lt;GoTask&lt;T&gt;&gt;, async types unchanged.</summary>
    private static Type AsyncForm(Type d)
    {
        if (d == typeof(Action))
        {
            return typeof(Func<GoTask>);
        }

        Type[] args = d.IsGenericType ? d.GetGenericArguments() : [];
        string name = d.IsGenericType ? d.GetGenericTypeDefinition().Name : d.Name;
        if (name.StartsWith("Action`", StringComparison.Ordinal))
        {
            return FuncOf([.. args, typeof(GoTask)]);
        }

        Type result = args[^1];
        if (result == typeof(GoTask) || (result.IsGenericType && result.GetGenericTypeDefinition() == typeof(GoTask<>)))
        {
            return d; // already the async form
        }

        return FuncOf([.. args[..^1], typeof(GoTask<>).MakeGenericType(result)]);
    }

    private static Type FuncOf(Type[] args) => System.Linq.Expressions.Expression.GetFuncType(args);
}
