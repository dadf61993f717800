using ContactMetrics.Clv;
using ContactMetrics.Domain;
using FsCheck;
using FsCheck.Xunit;

namespace ContactMetrics.Tests.Clv;

public class BgNbdGammaGammaValueModelTests
{
    // Published CDNOW estimates: BG/NBD from Fader, Hardie & Lee (2005), Marketing Science 24(2) (CDNOW estimates; also in /work/shared/docs/REFERENCES.md);
    // Gamma-Gamma from Fader & Hardie (2013), "The Gamma-Gamma model of monetary value".
    private static readonly BetaGeometricNbdModel Transactions = new(new BgNbdParameters(0.243, 4.414, 0.793, 2.426));
    private static readonly GammaGammaModel Spend = new(new GammaGammaParameters(6.25, 3.74, 15.44));
    private static readonly BgNbdGammaGammaValueModel Model = new(Transactions, Spend, 0.3);

    [Fact]
    public void CustomerValue_ZeroDiscount_IsMarginTimesSpendTimesExpectedTransactions()
    {
        // Without discounting the period increments telescope to E[Y(H L)].
        var horizon = new ValuationHorizon(13, 0) { PeriodLength = 3 };
        double expected = 0.3 * Spend.ConditionalExpectedSpend(2, 22.345) * Transactions.ConditionalExpectedTransactions(39, 2, 30.43, 38.86);
        Model.CustomerValue(2, 30.43, 38.86, 22.345, horizon).Should().BeApproximately(expected, 1e-9 * expected);
    }

    [Fact]
    public void CustomerValue_OnePeriod_DiscountsAtPeriodEnd()
    {
        double undiscounted = Model.CustomerValue(2, 30.43, 38.86, 22.345, new ValuationHorizon(1, 0));
        Model.CustomerValue(2, 30.43, 38.86, 22.345, new ValuationHorizon(1, 0.1)).Should().BeApproximately(undiscounted / 1.1, 1e-12);
    }

    [Fact]
    public void CustomerValues_CdnowSummary_OnePerCustomerInSummaryCurrency()
    {
        var summary = CdnowData.Summary;
        var values = Model.CustomerValues(summary, new ValuationHorizon(52, ValuationHorizon.RateForPeriod(0.1, 7)));
        values.Should().HaveCount(summary.Count);
        values.Should().OnlyContain(v => v.Currency == Currency.Usd && v.Amount >= 0);
        // The customer with x = 2, t_x = 30.43 (sample id 1) is worth more than a customer who never came back.
        int oneTimer = Enumerable.Range(0, summary.Count).First(i => summary.Frequency[i] == 0 && summary.Age[i] > 38);
        values[0].Should().BeGreaterThan(values[oneTimer]);
    }

    [Fact]
    public void CustomerValues_SharedPerFrequencyAndAge_EqualsOneCustomerAtATime()
    {
        // The batch path computes the horizon sum once per (x, T) and multiplies by each customer's P(alive); it must
        // equal the single-customer call, which sums P(alive) x E[Y] increments period by period.
        var summary = CdnowData.Summary;
        var horizon = new ValuationHorizon(156, ValuationHorizon.RateForPeriod(0.1, 7));
        var values = Model.CustomerValues(summary, horizon);
        for (int i = 0; i < summary.Count; i += 23)
        {
            double single = Model.CustomerValue(summary.Frequency[i], summary.Recency[i], summary.Age[i], summary.MonetaryValue[i], horizon);
            ((double)values[i].Amount).Should().BeApproximately(single, 1e-10 * Math.Max(1, single));
        }
    }

    [Fact]
    public void RateForPeriod_AnnualToWeekly_CompoundsBack()
    {
        double weekly = ValuationHorizon.RateForPeriod(0.1, 7);
        Math.Pow(1 + weekly, 365.25 / 7).Should().BeApproximately(1.1, 1e-12);
    }

    [Fact]
    public void Constructor_MarginAboveOne_Throws()
    {
        var act = () => new BgNbdGammaGammaValueModel(Transactions, Spend, 1.5);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("margin");
    }

    [Property(MaxTest = 200)]
    public bool ProbabilityAlive_AnyHistory_InUnitInterval(NonNegativeInt frequency, NormalFloat recencyShare, PositiveInt ageWeeks)
    {
        var (x, tx, t) = History(frequency, recencyShare, ageWeeks);
        double p = Transactions.ProbabilityAlive(x, tx, t);
        return p >= 0 && p <= 1;
    }

    [Property(MaxTest = 100)]
    public bool ConditionalExpectedTransactions_LongerHorizon_NotSmaller(NonNegativeInt frequency, NormalFloat recencyShare, PositiveInt ageWeeks, PositiveInt horizon)
    {
        var (x, tx, t) = History(frequency, recencyShare, ageWeeks);
        double h = horizon.Get % 500 + 1;
        return Transactions.ConditionalExpectedTransactions(h + 1, x, tx, t) >= Transactions.ConditionalExpectedTransactions(h, x, tx, t)
            && Transactions.ExpectedTransactions(h + 1) >= Transactions.ExpectedTransactions(h);
    }

    [Property(MaxTest = 50)]
    public bool CustomerValue_HigherDiscountRate_NotLarger(NonNegativeInt frequency, NormalFloat recencyShare, PositiveInt ageWeeks, PositiveInt rate)
    {
        var (x, tx, t) = History(frequency, recencyShare, ageWeeks);
        double zbar = x == 0 ? 0 : 10 + x % 50;
        double d = rate.Get % 100 / 1000.0;
        double low = Model.CustomerValue(x, tx, t, zbar, new ValuationHorizon(26, d));
        double high = Model.CustomerValue(x, tx, t, zbar, new ValuationHorizon(26, d + 0.01));
        return high <= low && high > 0;
    }

    private static (int X, double Recency, double Age) History(NonNegativeInt frequency, NormalFloat recencyShare, PositiveInt ageWeeks)
    {
        int x = frequency.Get % 200;
        double t = ageWeeks.Get % 500 + 0.5;
        double share = Math.Abs(recencyShare.Get) % 1.0;
        return (x, x == 0 ? 0 : share * t, t);
    }
}
