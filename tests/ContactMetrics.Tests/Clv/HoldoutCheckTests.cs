using ContactMetrics.Clv;
using ContactMetrics.Domain;

namespace ContactMetrics.Tests.Clv;

/// <summary>The holdout check (predicted vs actual holdout transactions by calibration frequency) on CDNOW, weeks 40-78.</summary>
public class HoldoutCheckTests
{
    // FHL 2005, Marketing Science 24(2), CDNOW estimates (REFERENCES.md).
    private static readonly BetaGeometricNbdModel Published = new(new BgNbdParameters(0.243, 4.414, 0.793, 2.426));

    [Fact]
    public void Compute_Cdnow_GroupsMatchThePublishedSummaryCounts()
    {
        var check = HoldoutCheck.Compute(Published, CdnowData.Summary);

        // Customers per calibration frequency, counted in cdnow_customers_summary_with_transactions.csv (column x):
        // 1411, 439, 214, 100, 62, 38, 29 for x = 0..6 and 64 with x >= 7.
        check.Groups.Select(g => g.Customers).Should().Equal(1411, 439, 214, 100, 62, 38, 29, 64);
        check.Groups.Select(g => g.Label).Should().Equal("0", "1", "2", "3", "4", "5", "6", "7+");
        check.Customers.Should().Be(2357);
        check.HoldoutLength.Should().BeApproximately(273 / 7.0, 1e-12); // 1997-10-01 .. 1998-06-30: 273 days = 39 weeks
        check.Model.Should().Be("BG/NBD");
    }

    [Fact]
    public void Compute_Cdnow_SumsEqualTheDirectCalls()
    {
        var s = CdnowData.Summary;
        var check = HoldoutCheck.Compute(Published, s);

        double predicted = 0;
        for (int i = 0; i < s.Count; i++)
        {
            predicted += Published.ConditionalExpectedTransactions(39, s.Frequency[i], s.Recency[i], s.Age[i]);
        }
        check.PredictedTransactions.Should().BeApproximately(predicted, 1e-8);
        check.ActualTransactions.Should().Be(s.HoldoutFrequency.Sum());
        check.Groups[0].ActualMean.Should().BeApproximately(
            s.HoldoutFrequency.Where((_, i) => s.Frequency[i] == 0).Average(), 1e-12);
    }

    [Fact]
    public void Compute_Cdnow_PredictionsRiseWithFrequencyAndTrackTheActuals()
    {
        // FHL 2005 (conditional-expectations figure): the predicted mean holdout transactions rise with x and follow
        // the actual means closely for every group.
        var check = HoldoutCheck.Compute(Published, CdnowData.Summary);
        var predicted = check.Groups.Select(g => g.PredictedMean).ToArray();
        predicted.Should().BeInAscendingOrder();
        foreach (var g in check.Groups)
        {
            g.PredictedMean.Should().BeApproximately(g.ActualMean, 0.35 + 0.25 * g.ActualMean, g.Label);
        }
    }

    [Fact]
    public void Compute_SummaryWithoutHoldout_ThrowsNamingIt()
    {
        var s = RfmSummary.FromColumns([new CustomerId("a")], [1], [1.0], [2.0], [3.0], RfmPeriodUnit.Week);
        FluentActions.Invoking(() => HoldoutCheck.Compute(Published, s)).Should().Throw<ArgumentException>().WithMessage("*no holdout period*");
    }

    [Fact]
    public void Compute_ParetoNbdThroughTheInterface_SameTotalsAsDirectCalls()
    {
        // FHL 2005 Pareto/NBD estimates on CDNOW to three decimals (source cited at ParetoNbdModelTests.PublishedR).
        ITransactionModel model = new ParetoNbdModel(new ParetoNbdParameters(0.553, 10.578, 0.606, 11.669));
        var s = CdnowData.Summary;
        var check = HoldoutCheck.Compute(model, s, openFrequency: 3);
        check.Groups.Should().HaveCount(4);
        check.Groups[^1].OrMore.Should().BeTrue();
        check.Groups[^1].Customers.Should().Be(100 + 62 + 38 + 29 + 64);
        check.Model.Should().Be("Pareto/NBD");
    }
}
