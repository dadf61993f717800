using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Numerics;
using ContactMetrics.Retention;
using ContactMetrics.Valuation;
using MathNet.Numerics.Statistics;

namespace ContactMetrics.Tests.Valuation;

public class UncertainInputTests
{
    [Fact]
    public void Constructor_LowAbovePoint_ThrowsNamingInput()
    {
        var act = () => new UncertainInput("cost per contact", "EUR per contact", 4, 5, 6, 1, SamplingDistribution.Pert, InputSource.Assumed("quote"));

        act.Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "low" && e.Message.Contains("'cost per contact'") && e.Message.Contains("low 5"));
    }

    [Fact]
    public void Constructor_HighBelowPoint_ThrowsNamingInput()
    {
        var act = () => UncertainInput.Assumed("repeats per unresolved contact", "contacts", 0.6, 0.4, 0.5, "guess");

        act.Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "high" && e.Message.Contains("'repeats per unresolved contact'"));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_PointNotFinite_ThrowsNamingInput(double point)
    {
        var act = () => new UncertainInput("contacts", "a year", point, 0, 1, 0.95, SamplingDistribution.Normal, InputSource.Assumed("x"));

        act.Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "point" && e.Message.Contains("'contacts'"));
    }

    [Fact]
    public void AssumedShare_HighAboveOne_ThrowsNamingInput()
    {
        var act = () => UncertainInput.AssumedShare("incremental share", 0.5, 0.2, 1.2, "guess");

        act.Should().Throw<ArgumentOutOfRangeException>().Where(e => e.Message.Contains("'incremental share'") && e.Message.Contains("[0, 1]"));
    }

    [Theory]
    [InlineData(SamplingDistribution.Normal, 1.0)]
    [InlineData(SamplingDistribution.Normal, 0.0)]
    [InlineData(SamplingDistribution.Triangular, 0.8)]
    public void Constructor_CoverageNotFittingDistribution_Throws(SamplingDistribution distribution, double coverage)
    {
        var act = () => new UncertainInput("x", "u", 1, 0, 2, coverage, distribution, InputSource.Assumed("x"));

        act.Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "coverage" && e.Message.Contains("'x'"));
    }

    [Fact]
    public void AssumedMoney_MixedCurrencies_ThrowsCurrencyMismatch()
    {
        var act = () => UncertainInput.AssumedMoney("cost", "per contact", new Money(4, Currency.Eur), new Money(3, Currency.Usd), new Money(5, Currency.Eur), "quote");

        act.Should().Throw<CurrencyMismatchException>();
    }

    [Fact]
    public void FromRate_WilsonInterval_CarriesProvenance()
    {
        // 800 of 1,000 contacts resolved; Wilson 95%: centre (0.8 + 1.92^2/2000)/(1 + 3.8415/1000) ... = [0.7741, 0.8236]
        // (R: binom::binom.confint(800, 1000, methods = "wilson") gives 0.7741, 0.8236).
        var rate = new RateEstimate(800, 1000, "FCR: no repeat within 7 days / handled");

        var input = UncertainInput.FromRate("FCR", rate, "FCR of phone contacts");

        input.Point.Should().Be(0.8);
        input.Low.Should().BeApproximately(0.7741, 0.00005);
        input.High.Should().BeApproximately(0.8236, 0.00005);
        input.Coverage.Should().Be(0.95);
        input.Distribution.Should().Be(SamplingDistribution.Normal);
        input.Source.Origin.Should().Be(InputOrigin.Measured);
        input.Source.SampleSize.Should().Be(1000);
        input.Source.Description.Should().Be("FCR of phone contacts");
        input.Source.Method.Should().Contain("FCR: no repeat within 7 days").And.Contain("wilson 95%");
        input.IntervalMeaning.Should().Be("95% interval (P2.5-P97.5)");
        input.Minimum.Should().Be(0);
        input.Maximum.Should().Be(1);
    }

    [Fact]
    public void FromRate_NoDenominator_ThrowsNamingInput()
    {
        var act = () => UncertainInput.FromRate("FCR", new RateEstimate(0, 0, "d"), "nothing");

        act.Should().Throw<ArgumentException>().Where(e => e.Message.Contains("'FCR'"));
    }

    [Fact]
    public void FromRetentionDifference_CarriesIntervalAndCustomers()
    {
        var difference = new RetentionDifference(0.04, 0.01, new ConfidenceInterval(0.02, 0.06, 0.95, "greenwood-normal"), 2000);

        var input = UncertainInput.FromRetentionDifference("retention uplift", difference, "1-year retention, resolved vs not", 5000);

        input.Point.Should().Be(0.04);
        input.Low.Should().Be(0.02);
        input.High.Should().Be(0.06);
        input.Source.SampleSize.Should().Be(5000);
        input.Source.ToString().Should().Be("measured: 1-year retention, resolved vs not (Kaplan-Meier difference, greenwood-normal 95% interval; n = 5,000)");
    }

    [Theory]
    [InlineData(SamplingDistribution.Normal)]
    [InlineData(SamplingDistribution.Triangular)]
    [InlineData(SamplingDistribution.Pert)]
    [InlineData(SamplingDistribution.Uniform)]
    public void Sample_FixedInput_AlwaysThePoint(SamplingDistribution distribution)
    {
        var input = new UncertainInput("x", "u", 3.25, 3.25, 3.25, distribution == SamplingDistribution.Normal ? 0.95 : 1, distribution, InputSource.Assumed("x"));
        var random = new Random(1);

        Enumerable.Range(0, 100).Select(_ => input.Sample(random)).Should().AllSatisfy(v => v.Should().Be(3.25));
    }

    [Theory]
    [InlineData(SamplingDistribution.Triangular)]
    [InlineData(SamplingDistribution.Pert)]
    [InlineData(SamplingDistribution.Uniform)]
    public void Sample_RangeDistributions_StayInRange(SamplingDistribution distribution)
    {
        var input = UncertainInput.Assumed("x", "u", 2, 1, 5, "x", distribution);
        var random = new Random(7);

        Enumerable.Range(0, 10_000).Select(_ => input.Sample(random)).Should().AllSatisfy(v => v.Should().BeInRange(1, 5));
    }

    [Fact]
    public void Sample_TriangularAndPert_MeansMatchFormulas()
    {
        // Triangular mean (a + m + b) / 3 = (1 + 2 + 6) / 3 = 3; PERT mean (a + 4m + b) / 6 = (1 + 8 + 6) / 6 = 2.5
        // (Vose, Risk Analysis, 3rd ed., sections III.7.70 and III.7.59). SD: triangular sqrt((1+4+36-2-6-12)/18) = 1.0801,
        // PERT sqrt((mean - a)(b - mean)/7) = sqrt(1.5 x 3.5 / 7) = 0.8660; 40,000 draws: SE 0.0054 and 0.0043; 5 SE tolerance.
        var triangular = UncertainInput.Assumed("t", "u", 2, 1, 6, "x", SamplingDistribution.Triangular);
        var pert = UncertainInput.Assumed("p", "u", 2, 1, 6, "x", SamplingDistribution.Pert);
        var random = new Random(11);

        Enumerable.Range(0, 40_000).Select(_ => triangular.Sample(random)).Mean().Should().BeApproximately(3, 0.027);
        Enumerable.Range(0, 40_000).Select(_ => pert.Sample(random)).Mean().Should().BeApproximately(2.5, 0.022);
    }

    [Fact]
    public void Sample_SplitNormal_IntervalEndsAreTheStatedQuantiles()
    {
        // An asymmetric 90% interval [8, 20] around a median of 10: P5 = 8, P50 = 10, P95 = 20 by construction.
        // 100,000 draws: the sample quantiles' SE is about sqrt(p(1-p)/n)/density, < 0.05 here.
        var input = new UncertainInput("x", "u", 10, 8, 20, 0.9, SamplingDistribution.Normal, InputSource.Assumed("x"));
        var random = new Random(3);
        var draws = Enumerable.Range(0, 100_000).Select(_ => input.Sample(random)).ToArray();

        draws.Quantile(0.05).Should().BeApproximately(8, 0.05);
        draws.Quantile(0.5).Should().BeApproximately(10, 0.05);
        draws.Quantile(0.95).Should().BeApproximately(20, 0.25);
    }

    [Fact]
    public void Sample_NormalNearBound_ClampedNeverOutside()
    {
        // A Wilson interval at 0 successes of 5 reaches far; draws below the lower end must stay at or above 0.
        var input = UncertainInput.FromRate("rate", new RateEstimate(1, 5, "d"), "small group");
        var random = new Random(5);

        Enumerable.Range(0, 10_000).Select(_ => input.Sample(random)).Should().AllSatisfy(v => v.Should().BeInRange(0, 1));
    }
}
