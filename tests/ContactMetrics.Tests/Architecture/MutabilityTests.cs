using ContactMetrics.Domain;
using ContactMetrics.Tests.Architecture.Bad.Mutable;

namespace ContactMetrics.Tests.Architecture;

/// <summary>Every public type in Domain is immutable (DESIGN.md, "Immutable types"; NodaTime's <c>Annotations/MutabilityTest.cs</c>).</summary>
public class MutabilityTests
{
    [Fact]
    public void Violations_DeliberatelyMutableTypes_FindsEachAndNotTheImmutableOnes()
    {
        var types = MutabilityRules.PublicTypesIn(typeof(MutabilityTests).Assembly, typeof(PublicField).Namespace!).ToList();

        var violations = MutabilityRules.Violations(types);

        Type[] mutable = [typeof(PublicField), typeof(PublicSetter), typeof(PrivateMutableField), typeof(MutableStatic), typeof(MutableRecordStruct), typeof(MutableBase), typeof(DerivedFromMutableBase)];
        foreach (var type in mutable)
        {
            violations.Should().Contain(v => v.StartsWith(type.FullName + ":", StringComparison.Ordinal), type.Name);
        }
        Type[] immutable = [typeof(InitOnly), typeof(ImmutableRecord), typeof(ImmutableValue)];
        foreach (var type in immutable)
        {
            types.Should().Contain(type);
            violations.Should().NotContain(v => v.StartsWith(type.FullName + ":", StringComparison.Ordinal), type.Name);
        }
    }

    [Fact]
    public void Domain_EveryPublicType_IsImmutable()
    {
        var types = MutabilityRules.PublicTypesIn(typeof(Money).Assembly, typeof(Money).Namespace!).ToList();

        types.Should().Contain([typeof(Money), typeof(Interaction), typeof(Customer)], "the test must see the Domain types");
        MutabilityRules.Violations(types).Should().BeEmpty();
    }
}
