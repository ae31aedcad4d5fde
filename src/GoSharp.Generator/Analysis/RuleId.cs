namespace GoSharp.Generator.Analysis;

/// <summary>
/// What the generator cannot rewrite. The analyzers map each value to its GOSHnnn descriptor; the
/// generator skips a method with any signature-level violation or a GOSH009 violation.
/// </summary>
internal enum RuleId
{
    /// <summary>GOSH001: the method's type, or a type containing it, is not partial.</summary>
    NonPartialType,

    /// <summary>GOSH002: a ref, out or in parameter, or a parameter of a ref struct or pointer type.</summary>
    UnsupportedParameter,

    /// <summary>GOSH003: the method is async.</summary>
    AsyncMethod,

    /// <summary>GOSH004: the method is an iterator.</summary>
    IteratorMethod,

    /// <summary>GOSH005: the method returns by reference, or returns a ref struct or pointer.</summary>
    UnsupportedReturnType,

    /// <summary>GOSH006: a park site where the twin cannot await (lock, unsafe, exception filter).</summary>
    ParkSiteInForbiddenContext,

    /// <summary>GOSH007: a blocking operation in a lambda or local function that is not a go statement.</summary>
    BlockingInsideLambda,

    /// <summary>GOSH008: a kind of member that cannot have a twin (virtual, abstract, struct instance, local function...).</summary>
    UnsupportedMember,

    /// <summary>GOSH009: a ref local or ref struct local in a method whose twin awaits; the twin runs the original body.</summary>
    RefLocalAcrossParkSite,

    /// <summary>GOSH021: a park site after a ref struct temporary of its statement that the twin cannot evaluate first; the twin runs the original body.</summary>
    RefStructTemporaryAcrossParkSite,
}
