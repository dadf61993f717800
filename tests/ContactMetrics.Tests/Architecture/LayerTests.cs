using ContactMetrics.Domain;

namespace ContactMetrics.Tests.Architecture;

/// <summary>The layers of the core hold (DESIGN.md, "Layers of the core" and its Rules), read from the compiled assembly.</summary>
public class LayerTests
{
    private const string BadRoot = "ContactMetrics.Tests.Architecture.Bad.Layers";

    [Fact]
    public void Violations_DeliberatelyBadTypes_FindsEveryBrokenRuleAndNothingElse()
    {
        var violations = LayerRules.Violations(AssemblyScan.Of(typeof(LayerTests).Assembly), BadRoot);

        violations.Should().Contain(v => v.StartsWith($"{BadRoot}.Domain.RecordWithTable (Domain) uses {BadRoot}.Tables.Table (Tables)", StringComparison.Ordinal));
        violations.Should().Contain(v => v.StartsWith($"{BadRoot}.Tables.Columns.ColumnUsesClv (Tables) uses {BadRoot}.Clv.ClvModel (Clv)", StringComparison.Ordinal));
        violations.Should().Contain(v => v.StartsWith($"{BadRoot}.Kpis.UsesClvInBody (Kpis) uses {BadRoot}.Clv.ClvModel (Clv)", StringComparison.Ordinal));
        violations.Should().Contain(v => v.StartsWith($"{BadRoot}.Kpis.UsesClvInLambda+", StringComparison.Ordinal) && v.EndsWith($"uses {BadRoot}.Clv.ClvModel (Clv)", StringComparison.Ordinal));
        violations.Should().Contain(v => v.StartsWith($"{BadRoot}.Reporting.NotALayer: namespace {BadRoot}.Reporting is not a layer", StringComparison.Ordinal));
        violations.Should().NotContain(v => v.Contains("UsesTables", StringComparison.Ordinal) || v.Contains("Composes", StringComparison.Ordinal));
        violations.Should().HaveCount(5);
    }

    [Fact]
    public void Core_EveryReference_FollowsTheLayers()
    {
        var violations = LayerRules.Violations(AssemblyScan.Of(typeof(Money).Assembly), "ContactMetrics");

        violations.Should().BeEmpty();
    }
}
