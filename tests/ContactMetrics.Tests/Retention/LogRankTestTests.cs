using ContactMetrics.Retention;

namespace ContactMetrics.Tests.Retention;

public sealed class LogRankTestTests
{
    [Fact]
    public void Compute_RossiByFin_MatchesSurvdiff()
    {
        // lr <- survdiff(Surv(week, arrest) ~ fin, data = rossi): obs 66 48, exp 55.5744427684096 58.4255572315904,
        // var[1, 1] 28.3231981651547, chisq 3.83756957654905, p = pchisq(chisq, 1, lower.tail = FALSE) 0.0501161174090057.
        var result = LogRankTest.Compute(RossiData.Table().WithGroups(RossiData.Labels("fin")));

        result.Groups.Select(g => g.Group).Should().Equal("0", "1");
        result.Groups.Select(g => g.Count).Should().Equal(216, 216);
        result.Groups.Select(g => g.Observed).Should().Equal(66, 48);
        result.Groups[0].Expected.ShouldBeRelativelyClose(55.5744427684096);
        result.Groups[1].Expected.ShouldBeRelativelyClose(58.4255572315904);
        result.Groups[0].Variance.ShouldBeRelativelyClose(28.3231981651547);
        result.Test.Statistic.ShouldBeRelativelyClose(3.83756957654905);
        result.Test.DegreesOfFreedom.Should().Be(1);
        result.Test.PValue.ShouldBeRelativelyClose(0.0501161174090057);
    }

    [Fact]
    public void Compute_RossiFourGroups_MatchesSurvdiff()
    {
        // survdiff(Surv(week, arrest) ~ interaction(race, mar), data = rossi); levels 0.0, 1.0, 0.1, 1.1 (race.mar):
        // n 44 335 9 44, obs 11 95 1 7, exp 12.03266609334051 86.79000840399270 2.67668181560852 12.50064368705826,
        // chisq 4.36060068773023, p 0.225066541030657 on 3 df.
        var race = RossiData.Labels("race");
        var mar = RossiData.Labels("mar");
        var labels = race.Select((r, i) => $"{r}.{mar[i]}").ToArray();

        var result = LogRankTest.Compute(RossiData.Table().WithGroups(labels));

        // Ordinal order: 0.0, 0.1, 1.0, 1.1.
        result.Groups.Select(g => g.Group).Should().Equal("0.0", "0.1", "1.0", "1.1");
        result.Groups.Select(g => g.Count).Should().Equal(44, 9, 335, 44);
        result.Groups.Select(g => g.Observed).Should().Equal(11, 1, 95, 7);
        double[] expected = [12.03266609334051, 2.67668181560852, 86.79000840399270, 12.50064368705826];
        for (int j = 0; j < 4; j++)
        {
            result.Groups[j].Expected.ShouldBeRelativelyClose(expected[j]);
        }
        result.Test.Statistic.ShouldBeRelativelyClose(4.36060068773023);
        result.Test.DegreesOfFreedom.Should().Be(3);
        result.Test.PValue.ShouldBeRelativelyClose(0.225066541030657);
    }

    [Fact]
    public void Compute_RossiStratifiedByRace_MatchesSurvdiff()
    {
        // survdiff(Surv(week, arrest) ~ fin + strata(race), data = rossi): obs 66 48 (summed over strata),
        // exp 6.9902390577915 + 48.3305910804007, 5.0097609422085 + 53.6694089195993, chisq 4.04849659773973.
        var table = RossiData.Table().WithGroups(RossiData.Labels("fin")).WithStrata(RossiData.Labels("race"));

        var result = LogRankTest.Compute(table);

        result.Groups.Select(g => g.Observed).Should().Equal(66, 48);
        result.Groups[0].Expected.ShouldBeRelativelyClose(6.9902390577915 + 48.3305910804007);
        result.Groups[1].Expected.ShouldBeRelativelyClose(5.0097609422085 + 53.6694089195993);
        result.Test.Statistic.ShouldBeRelativelyClose(4.04849659773973);
    }

    [Fact]
    public void Compute_HandCase_MatchesHandComputation()
    {
        // A: 1, 3+   B: 2, 4.  t=1: n=4 (A 2), d=1: E_A = 2/4 = 0.5, V = 1*3/3 * 2/4 * 2/4 = 0.25.
        // t=2: n=3 (A 1: 3+), d=1: E_A += 1/3, V += 1*2/2 * 1/3 * 2/3 = 2/9. t=4: n=1 (B), d=1: E_A += 0, V += 0.
        // O_A = 1, E_A = 5/6, V = 0.25 + 2/9 = 17/36; chi2 = (1/6)^2 / (17/36) = 1/17.
        var table = SurvivalTable.FromColumns([1, 3, 2, 4], [true, false, true, true]).WithGroups(["A", "A", "B", "B"]);

        var result = LogRankTest.Compute(table);

        result.Groups[0].Observed.Should().Be(1);
        result.Groups[0].Expected.ShouldBeRelativelyClose(5.0 / 6, 1e-12);
        result.Groups[1].Expected.ShouldBeRelativelyClose(3 - (5.0 / 6), 1e-12); // E sums to the 3 events
        result.Groups[0].Variance.ShouldBeRelativelyClose(17.0 / 36, 1e-12);
        result.Test.Statistic.ShouldBeRelativelyClose(1.0 / 17, 1e-12);
    }

    [Fact]
    public void Compute_GroupWithoutEvents_HasZeroObservedAndFiniteStatistic()
    {
        var table = SurvivalTable.FromColumns([1, 2, 3, 1.5, 2.5, 4], [true, true, true, false, false, false]).WithGroups(["A", "A", "A", "B", "B", "B"]);

        var result = LogRankTest.Compute(table);

        result.Groups[1].Observed.Should().Be(0);
        result.Groups[1].Expected.Should().BeGreaterThan(0);
        double.IsFinite(result.Test.Statistic).Should().BeTrue();
        result.Test.PValue.Should().BeInRange(0, 1);
    }

    [Fact]
    public void Compute_AllCensored_IsZeroWithPValueOne()
    {
        var table = SurvivalTable.FromColumns([1, 2, 3, 4], [false, false, false, false]).WithGroups(["A", "A", "B", "B"]);

        var result = LogRankTest.Compute(table);

        result.Test.Should().Be(new ChiSquareTest(0, 0, 1));
        result.Groups.Should().OnlyContain(g => g.Observed == 0 && g.Expected == 0);
    }

    [Fact]
    public void Compute_NoGroups_Throws()
    {
        FluentActions.Invoking(() => LogRankTest.Compute(SurvivalTable.FromColumns([1], [true])))
            .Should().Throw<ArgumentException>().WithParameterName("table");
    }
}
