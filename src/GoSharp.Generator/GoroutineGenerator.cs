using System.Linq;
using GoSharp.Generator.Analysis;
using GoSharp.Generator.Emitting;
using GoSharp.Generator.Model;
using GoSharp.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace GoSharp.Generator;

/// <summary>
/// The <c>[Goroutine]</c> generator. For each <c>[Goroutine]</c> method it emits a twin, an
/// <c>async GoTask</c> method whose blocking operations park the goroutine (see
/// docs/generator.md); for each <c>go(() =&gt; F(args))</c> or <c>Go.Run(() =&gt; F(args))</c>
/// in ordinary code it emits interceptors that run F's twin instead.
/// </summary>
/// <remarks>
/// Pipeline: syntax and symbols become equatable specs in the transforms (<see cref="Parser"/>,
/// <see cref="InterceptorParser"/>); the emitters only see specs. Invalid input is skipped here
/// and reported by GoSharp.Analyzers.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class GoroutineGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps (asserted cached by the incrementality test).</summary>
    public static class Steps
    {
        public const string Methods = "GoroutineMethods";
        public const string GoCalls = "GoCalls";
        public const string InterceptorsEnabled = "InterceptorsEnabled";
        public const string Interceptors = "Interceptors";
    }

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<GoroutineMethodSpec> methods = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownSymbols.GoroutineAttributeName,
                static (node, _) => node is MethodDeclarationSyntax,
                Parser.ParseMethod)
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(Steps.Methods);

        context.RegisterSourceOutput(methods, static (output, spec) => output.AddSource(spec.HintName, Emitter.Emit(spec)));

        IncrementalValueProvider<bool> interceptorsEnabled = context.ParseOptionsProvider
            .Select(static (options, _) => InterceptorParser.IsEnabled(options))
            .WithTrackingName(Steps.InterceptorsEnabled);

        IncrementalValueProvider<ImmutableEquatableArray<InterceptorSpec>> interceptors = context.SyntaxProvider
            .CreateSyntaxProvider(InterceptorParser.IsCandidate, InterceptorParser.Parse)
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(Steps.GoCalls)
            .Collect()
            .Combine(interceptorsEnabled)
            .Select(static (pair, _) => pair.Right
                ? pair.Left.OrderBy(spec => spec.SortKey, System.StringComparer.Ordinal).ToImmutableEquatableArray()
                : ImmutableEquatableArray<InterceptorSpec>.Empty)
            .WithTrackingName(Steps.Interceptors);

        context.RegisterSourceOutput(interceptors, static (output, specs) =>
        {
            if (specs.Count > 0)
            {
                output.AddSource("GoSharp.Interceptors.g.cs", InterceptorEmitter.Emit(specs));
            }
        });
    }
}
