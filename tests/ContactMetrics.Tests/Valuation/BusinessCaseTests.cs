using ContactMetrics.Domain;
using ContactMetrics.Valuation;
using static ContactMetrics.Tests.Valuation.ValuationTestInputs;

namespace ContactMetrics.Tests.Valuation;

public class BusinessCaseTests
{
    private static BusinessCase FcrCase(bool uncertain)
    {
        var gain = uncertain ? Share("FCR gain", 0.05, 0.03, 0.07) : Share("FCR gain", 0.05);
        var repeats = ValueMechanisms.RepeatContactsAvoided(Count("contacts", 1_200_000, uncertain ? 1_100_000 : null, uncertain ? 1_300_000 : null),
            gain, Count("repeats per unresolved contact", 0.6, uncertain ? 0.4 : null, uncertain ? 0.8 : null), Euros("cost per contact", 4.50m, uncertain ? 3.5m : null, uncertain ? 6m : null));
        var churn = ValueMechanisms.ChurnAvoidedByFcr(Count("customers", 200_000), Share("retention uplift", 0.04, uncertain ? 0.01 : null, uncertain ? 0.07 : null),
            gain, Euros("value per customer", 300m, uncertain ? 200m : null, uncertain ? 450m : null));
        return new BusinessCase("FCR +5 points", Eur, [repeats, churn]);
    }

    [Fact]
    public void Analyze_WithAToken_SameDrawsAndStopsWhenCancelled()
    {
        var businessCase = FcrCase(uncertain: true);
        // The token changes nothing but whether the draws may stop: the same seed gives the same distribution.
        var plain = businessCase.Analyze(5_000, 7);
        var watched = businessCase.Analyze(5_000, 7, CancellationToken.None);
        watched.Total.Should().BeEquivalentTo(plain.Total);

        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        FluentActions.Invoking(() => businessCase.Analyze(5_000, 7, cancel.Token)).Should().Throw<OperationCanceledException>();

        // Progress: draws done every 1,024 and at the end (hand: 1024, 2048, 3072, 4096, then 5,000).
        var reports = new List<int>();
        businessCase.Analyze(5_000, 7, CancellationToken.None, new Synchronous(reports.Add)).Total.Should().BeEquivalentTo(plain.Total);
        reports.Should().Equal(1024, 2048, 3072, 4096, 5000);
    }

    private sealed class Synchronous(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }

    [Fact]
    public void Total_SumOfLines()
    {
        // 162,000 (repeat contacts, ValueMechanismsTests) + 120,000 (churn) = 282,000 EUR.
        var businessCase = FcrCase(uncertain: true);

        businessCase.Total.Should().Be(new Money(282_000m, Eur));
        businessCase.Inputs.Select(i => i.Name).Should().Equal("contacts", "FCR gain", "repeats per unresolved contact", "cost per contact", "customers", "retention uplift", "value per customer");
    }

    [Fact]
    public void Analyze_SameSeed_SameResults()
    {
        var businessCase = FcrCase(uncertain: true);

        var first = businessCase.Analyze(2_000, seed: 12);
        var second = businessCase.Analyze(2_000, seed: 12);
        var other = businessCase.Analyze(2_000, seed: 13);

        second.Total.Should().Be(first.Total);
        second.Lines.Select(l => l.Value).Should().Equal(first.Lines.Select(l => l.Value));
        other.Total.P50.Should().NotBe(first.Total.P50);
        first.Seed.Should().Be(12);
    }

    [Fact]
    public void Analyze_Percentiles_Ordered()
    {
        var analysis = FcrCase(uncertain: true).Analyze(5_000, seed: 1);

        foreach (var d in analysis.Lines.Select(l => l.Value).Append(analysis.Total))
        {
            d.P10.Should().BeLessThanOrEqualTo(d.P50);
            d.P50.Should().BeLessThanOrEqualTo(d.P90);
            d.P10.Should().BeLessThan(d.P90);
        }
    }

    [Fact]
    public void Analyze_ZeroWidthIntervals_PercentilesEqualPoint()
    {
        var analysis = FcrCase(uncertain: false).Analyze(500, seed: 1);

        // 162,000 + 120,000 = 282,000 EUR (Total_SumOfLines); every draw is the point value.
        foreach (var d in analysis.Lines.Select(l => l.Value).Append(analysis.Total))
        {
            d.P10.Should().Be(d.Point);
            d.P50.Should().Be(d.Point);
            d.P90.Should().Be(d.Point);
            d.Mean.Should().Be(d.Point);
            d.StandardErrorOfMean.Should().Be(Money.Zero(Eur));
        }
        analysis.Total.Point.Should().Be(new Money(282_000m, Eur));
        analysis.Tornado.Should().BeEmpty();
    }

    [Fact]
    public void Analyze_LinearCase_MeanMatchesAnalyticWithinFourStandardErrors()
    {
        // Line 1: 1,000 x triangular share (0.1, mode 0.2, 0.6) x 10 EUR; triangular mean (0.1 + 0.2 + 0.6) / 3 = 0.3, so 3,000 EUR.
        // Line 2: uniform count on [100, 300] x 20 EUR; mean 200, so 4,000 EUR. Line 3: 1,000 x normal share, median 0.5,
        // 95% interval [0.3, 0.7] (symmetric: mean 0.5) x 2 EUR = 1,000 EUR. Analytic mean of the total: 8,000 EUR.
        var triangular = UncertainInput.Assumed("share", "share", 0.2, 0.1, 0.6, "x", SamplingDistribution.Triangular, 0, 1);
        var uniform = UncertainInput.Assumed("count", "a year", 150, 100, 300, "x", SamplingDistribution.Uniform, 0);
        var normal = new UncertainInput("normal share", "share", 0.5, 0.3, 0.7, 0.95, SamplingDistribution.Normal, InputSource.Assumed("x"), null, 0, 1);
        var businessCase = new BusinessCase("linear", Eur, [
            LineItem.Product("one", "m", Eur, [Count("thousand", 1_000), triangular, Euros("ten", 10m)]),
            LineItem.Product("two", "m", Eur, [uniform, Euros("twenty", 20m)]),
            LineItem.Product("three", "m", Eur, [Count("thousand", 1_000), normal, Euros("two", 2m)]),
        ]);

        var analysis = businessCase.Analyze(20_000, seed: 2026);

        double mean = (double)analysis.Total.Mean.Amount;
        double se = (double)analysis.Total.StandardErrorOfMean.Amount;
        // SD of the total: sqrt((10,000^2 x 0.21/18) + (20^2 x 200^2/12) + (2,000 x 0.2/3.92)^2) = sqrt(1,166,667 + 1,333,333 + 10,412) = 1,584; SE = 1,584 / sqrt(20,000) = 11.2.
        se.Should().BeApproximately(11.3, 0.6);
        mean.Should().BeApproximately(8_000, 4 * se);
        analysis.Lines[0].Value.Mean.Amount.Should().BeApproximately(3_000m, 40m);
        analysis.Lines[1].Value.Mean.Amount.Should().BeApproximately(4_000m, 40m);
        analysis.ConvergenceNote.Should().Contain("20,000 draws (seed 2026)");
    }

    [Fact]
    public void Analyze_SharedInput_DrawnOncePerIteration()
    {
        // The same uncertain share in a +1 EUR line and a -1 EUR line: drawn once per iteration, the total is 0 in every
        // draw (independent draws would spread it).
        var share = Share("shared", 0.5, 0.1, 0.9);
        var plus = LineItem.Product("plus", "m", Eur, [Count("n", 1_000), share, Euros("plus one", 1m)]);
        var minus = LineItem.Product("minus", "m", Eur, [Count("n", 1_000), share, Euros("minus one", -1m)]);

        var analysis = new BusinessCase("shared", Eur, [plus, minus]).Analyze(2_000, seed: 4);

        analysis.Total.P10.Should().Be(Money.Zero(Eur));
        analysis.Total.P90.Should().Be(Money.Zero(Eur));
        analysis.Lines[0].Value.P10.Should().BeLessThan(analysis.Lines[0].Value.P90);
    }

    [Fact]
    public void Constructor_SameNameDifferentInput_ThrowsNamingInput()
    {
        var one = LineItem.Product("one", "m", Eur, [Share("FCR gain", 0.05), Euros("a", 1m)]);
        var two = LineItem.Product("two", "m", Eur, [Share("FCR gain", 0.06), Euros("b", 1m)]);

        var act = () => new BusinessCase("x", Eur, [one, two]);

        act.Should().Throw<ArgumentException>().Where(e => e.Message.Contains("'FCR gain'") && e.Message.Contains("'two'"));
    }

    [Fact]
    public void Constructor_LineInOtherCurrency_ThrowsCurrencyMismatch()
    {
        var dollars = LineItem.Product("usd", "m", Currency.Usd, [Count("n", 1),
            UncertainInput.AssumedMoney("v", "each", new Money(1m, Currency.Usd), new Money(1m, Currency.Usd), new Money(1m, Currency.Usd), "x")]);

        var act = () => new BusinessCase("x", Eur, [FcrCase(false).Lines[0], dollars]);

        act.Should().Throw<CurrencyMismatchException>();
    }

    [Fact]
    public void Tornado_ConstructedCase_RankedBySwing()
    {
        // X on [90, 110] x 10 EUR: swing 20 x 10 = 200. Y on [0, 100] x 1 EUR: swing 100. Z on [0.5, 0.6] x 1,000 x 10 EUR:
        // swing 0.1 x 10,000 = 1,000. Fixed inputs are not in the tornado. Point total: 1,000 + 50 + 5,500 = 6,550 EUR.
        var businessCase = new BusinessCase("tornado", Eur, [
            LineItem.Product("x line", "m", Eur, [Count("X", 100, 90, 110), Euros("ten", 10m)]),
            LineItem.Product("y line", "m", Eur, [Count("Y", 50, 0, 100), Euros("one", 1m)]),
            LineItem.Product("z line", "m", Eur, [Share("Z", 0.55, 0.5, 0.6), Count("thousand", 1_000), Euros("ten", 10m)]),
        ]);

        var tornado = businessCase.Tornado();

        tornado.Select(t => t.Input.Name).Should().Equal("Z", "X", "Y");
        tornado.Select(t => t.Swing.Amount).Should().Equal(1_000m, 200m, 100m);
        tornado[0].TotalAtLow.Should().Be(new Money(6_050m, Eur));
        tornado[0].TotalAtHigh.Should().Be(new Money(7_050m, Eur));
        businessCase.Total.Should().Be(new Money(6_550m, Eur));
    }

    [Fact]
    public void Analyze_LinesCarryInputProvenance()
    {
        var analysis = FcrCase(uncertain: true).Analyze(100, seed: 1);

        var line = analysis.Lines[1].Item;
        line.Inputs.Select(i => i.Source.Origin).Should().AllBeEquivalentTo(InputOrigin.Assumed);
        line.Inputs.Should().Contain(i => i.Name == "retention uplift" && i.Source.Description == "test value");
    }

    [Fact]
    public void Analyze_TooFewIterations_Throws()
    {
        var act = () => FcrCase(true).Analyze(1, seed: 1);

        act.Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "iterations");
    }
}
