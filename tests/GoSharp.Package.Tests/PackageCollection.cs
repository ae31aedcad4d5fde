namespace GoSharp.Package.Tests;

/// <summary>
/// The package tests share one pack (<see cref="PackedPackage"/>) and run one after another:
/// each builds a consumer, and several at once would only slow each other down on a small machine.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackedPackage>
{
    /// <summary>The collection's name, for <c>[Collection(PackageCollection.Name)]</c>.</summary>
    public const string Name = "The packed package";
}
