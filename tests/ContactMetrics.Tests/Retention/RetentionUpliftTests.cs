using ContactMetrics.Retention;

namespace ContactMetrics.Tests.Retention;

public sealed class RetentionUpliftTests
{
    // reference: 2 (churn), 4 (censored), 6 (churn), 8 (censored); exposed: 1, 3 (churn), 5 (censored), 7 (churn).
    internal static SurvivalTable HandTable() =>
        SurvivalTable.FromColumns([2, 4, 6, 8, 1, 3, 5, 7], [true, false, true, false, true, true, false, true])
            .WithGroups(["a", "a", "a", "a", "b", "b", "b", "b"]);

    [Fact]
    public void Compare_HandComputedCase_MatchesGreenwoodAndNormalApproximation()
    {
        var result = RetentionUplift.Compare(HandTable(), "a", "b", horizon: 5);

        // By hand: S_a(5) = 3/4, Var = (3/4)^2 * 1/(4*3) = 0.046875; S_b(5) = 3/4 * 2/3 = 1/2,
        // Var = (1/2)^2 * (1/(4*3) + 1/(3*2)) = 0.0625; difference 1/4, SE sqrt(0.109375), z = 1.959964.
        result.Reference.Retention.ShouldBeRelativelyClose(0.75);
        result.Reference.StandardError.ShouldBeRelativelyClose(Math.Sqrt(0.046875));
        result.Exposed.Retention.ShouldBeRelativelyClose(0.5);
        result.Exposed.StandardError.ShouldBeRelativelyClose(0.25);
        result.Exposed.Events.Should().Be(2);
        result.Difference.Difference.ShouldBeRelativelyClose(0.25);
        result.Difference.StandardError.ShouldBeRelativelyClose(Math.Sqrt(0.109375));
        result.Difference.Interval.Lower.ShouldBeRelativelyClose(0.25 - (1.959963985 * Math.Sqrt(0.109375)));
        result.Difference.Interval.Upper.ShouldBeRelativelyClose(0.25 + (1.959963985 * Math.Sqrt(0.109375)));
        result.HazardRatio.Should().NotBeNull();
        result.HazardRatio!.HazardRatio.Should().BeGreaterThan(1, "the exposed group churns earlier");
    }

    [Fact]
    public void Compare_HazardRatio_EqualsCoxOnExposedIndicator()
    {
        var table = HandTable();
        var direct = CoxProportionalHazards.Fit(SurvivalTable.FromColumns(table.Durations.AsSpan(), table.Events.AsSpan())
            .WithCovariate("x", [0, 0, 0, 0, 1, 1, 1, 1]));

        var result = RetentionUplift.Compare(table, "a", "b", 5);

        result.HazardRatio!.Coefficient.ShouldBeRelativelyClose(direct["x"].Coefficient, 1e-9);
        result.HazardRatio.StandardError.ShouldBeRelativelyClose(direct["x"].StandardError, 1e-9);
    }

    [Fact]
    public void Compare_GroupWithoutEvents_RetentionOneNoHazardRatioFiniteDifference()
    {
        var table = SurvivalTable.FromColumns([2, 4, 6, 1, 3, 5], [false, false, false, true, true, false])
            .WithGroups(["a", "a", "a", "b", "b", "b"]);

        var result = RetentionUplift.Compare(table, "a", "b", 4);

        result.Reference.Retention.Should().Be(1);
        result.Reference.StandardError.Should().Be(0);
        double.IsFinite(result.Difference.Difference).Should().BeTrue();
        double.IsFinite(result.Difference.Interval.Lower).Should().BeTrue();
        result.HazardRatio.Should().BeNull();
        result.Note.Should().Contain("'a' has no events");
    }

    [Fact]
    public void Compare_GroupWithoutCustomers_ThrowsNamingTheGroup()
    {
        var act = () => RetentionUplift.Compare(HandTable(), "a", "c", 5);

        act.Should().Throw<ArgumentException>().WithMessage("*'c' has no customers*").And.ParamName.Should().Be("exposed");
    }

    [Fact]
    public void Compare_HorizonBeforeAnyEvent_RetentionOneBothGroups()
    {
        var result = RetentionUplift.Compare(HandTable(), "a", "b", 0.5);

        result.Difference.Difference.Should().Be(0);
        result.Difference.StandardError.Should().Be(0);
    }

    [Fact]
    public void Compare_NoGroups_Throws()
    {
        var act = () => RetentionUplift.Compare(SurvivalTable.FromColumns([1.0, 2], [true, false]), "a", "b", 1);

        act.Should().Throw<ArgumentException>().And.ParamName.Should().Be("table");
    }

    [Fact]
    public void Compare_NegativeHorizon_Throws()
    {
        var act = () => RetentionUplift.Compare(HandTable(), "a", "b", -1);

        act.Should().Throw<ArgumentOutOfRangeException>().And.ParamName.Should().Be("horizon");
    }
}
