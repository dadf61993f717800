using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using ContactMetrics.Domain;
using ContactMetrics.Valuation;

namespace ContactMetrics.Tests.Architecture;

/// <summary>
/// The core exports no more types than its budget (<see cref="PublicApiRules.CoreBudget"/>): a new public type is a
/// decision that raises the budget in review, not a side effect (issue #12 item 6; docs/api.md).
/// </summary>
public class PublicApiTests
{
    [Fact]
    public void CountByNamespace_NestedTypes_CountUnderTheirOutermostTypesNamespace()
    {
        // Hand count: string and int in System; List<T> and its nested Enumerator in System.Collections.Generic;
        // ImmutableArray<T>.Builder under System.Collections.Immutable.
        Type[] types = [typeof(string), typeof(int), typeof(List<>), typeof(List<>.Enumerator), typeof(ImmutableArray<>.Builder)];

        var counts = PublicApiRules.CountByNamespace(types);

        counts.Should().Equal(new Dictionary<string, int>
        {
            ["System"] = 2,
            ["System.Collections.Generic"] = 2,
            ["System.Collections.Immutable"] = 1,
        });
    }

    [Fact]
    public void OverBudget_ANamespaceAboveItsBudgetOrWithoutOne_IsNamedAndTheOthersAreNot()
    {
        var budget = new Dictionary<string, int> { ["A"] = 3, ["B"] = 1, ["D"] = 5 };
        var counts = new Dictionary<string, int> { ["A"] = 3, ["B"] = 2, ["C"] = 1, ["D"] = 0 };

        var over = PublicApiRules.OverBudget(counts, budget);

        // A is at its budget and D below it: fine. B is one above; C has no budget (0).
        over.Should().Equal("B: 2 public types, budget 1", "C: 1 public types, a namespace without a budget");
        PublicApiRules.Table(counts, budget).Should().Contain("  B: 2 (budget 1)").And.EndWith("  total: 6 (budget 9)");
    }

    [Fact]
    public void Core_PublicTypes_StayWithinTheBudgetPerNamespace()
    {
        var exported = typeof(Money).Assembly.GetExportedTypes();
        var counts = PublicApiRules.CountByNamespace(exported);

        exported.Should().Contain([typeof(Money), typeof(ContactCenterAnalysis)], "the test must see the core's public types");
        PublicApiRules.OverBudget(counts, PublicApiRules.CoreBudget).Should().BeEmpty(
            "every public type of the core is a decision (docs/api.md); raise the budget in PublicApiRules only for a type users need. Counts:{0}{1}",
            Environment.NewLine, PublicApiRules.Table(counts, PublicApiRules.CoreBudget));
    }

    [Fact]
    public void Core_InternalsVisibleTo_OnlyItsTestsAndBenchmarks()
    {
        // The other packages (Data, Sql, Reporting, Simulation, Interop) and the CLI use the public API only: what they
        // need is public and documented (docs/api.md).
        var friends = typeof(Money).Assembly.GetCustomAttributes(typeof(InternalsVisibleToAttribute), inherit: false)
            .Cast<InternalsVisibleToAttribute>()
            .Select(a => a.AssemblyName);

        friends.Should().BeEquivalentTo("ContactMetrics.Tests", "ContactMetrics.Benchmarks");
    }
}
