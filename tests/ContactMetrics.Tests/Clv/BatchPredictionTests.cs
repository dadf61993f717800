using ContactMetrics.Clv;

namespace ContactMetrics.Tests.Clv;

/// <summary>
/// The batch predictions over spans (P(alive), E[Y(t)], expected spend, CLV) against the scalar forms they must equal, on
/// CDNOW at published parameters and on random histories of many lengths, including long horizons that take the
/// quadrature path of BG/NBD and MBG/NBD.
/// </summary>
public class BatchPredictionTests
{
    // BG/NBD on CDNOW: r 0.243, alpha 4.414, a 0.793, b 2.426 (Fader, Hardie & Lee 2005, Marketing Science 24(2); REFERENCES.md).
    internal static readonly BetaGeometricNbdModel BgNbd = new(new BgNbdParameters(0.243, 4.414, 0.793, 2.426));

    // MBG/NBD on CDNOW: r 0.525, alpha 6.183, a 0.891, b 1.614 (BTYDplus, quoted in lifetimes' tests; REFERENCES.md).
    internal static readonly ModifiedBetaGeometricNbdModel MbgNbd = new(new MbgNbdParameters(0.525, 6.183, 0.891, 1.614));

    // Pareto/NBD on CDNOW: BTYD's pnbd.EstimateParameters (r 0.5533971, alpha 10.5801985, s 0.6060625, beta 11.6562237),
    // the values of ParetoNbdModelTests.
    internal static readonly ParetoNbdModel ParetoNbd = new(new ParetoNbdParameters(0.5533971, 10.5801985, 0.6060625, 11.6562237));

    // Gamma-Gamma p 6.25, q 3.74, gamma 15.44 (Fader & Hardie 2013, "The Gamma-Gamma model of monetary value").
    internal static readonly GammaGammaModel Spend = new(new GammaGammaParameters(6.25, 3.74, 15.44));

    public static TheoryData<string> Models => ["BG/NBD", "MBG/NBD", "Pareto/NBD"];

    private static ITransactionModel Model(string name) => name switch
    {
        "BG/NBD" => BgNbd,
        "MBG/NBD" => MbgNbd,
        _ => ParetoNbd,
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void ProbabilityAliveAndExpectedTransactions_CdnowSample_EqualScalarForms(string name)
    {
        var model = Model(name);
        var s = CdnowData.Summary;
        var alive = new double[s.Count];
        var expected = new double[s.Count];
        model.ProbabilityAlive(s.Frequency.AsSpan(), s.Recency.AsSpan(), s.Age.AsSpan(), alive);
        model.ConditionalExpectedTransactions(39, s.Frequency.AsSpan(), s.Recency.AsSpan(), s.Age.AsSpan(), expected);
        for (int i = 0; i < s.Count; i++)
        {
            double scalarAlive = model.ProbabilityAlive(s.Frequency[i], s.Recency[i], s.Age[i]);
            double scalarExpected = model.ConditionalExpectedTransactions(39, s.Frequency[i], s.Recency[i], s.Age[i]);
            alive[i].Should().BeApproximately(scalarAlive, 1e-12 * scalarAlive, $"customer {i}");
            expected[i].Should().BeApproximately(scalarExpected, 1e-12 * scalarExpected, $"customer {i}");
        }
    }

    [Fact]
    public void ConditionalExpectedTransactions_BgNbdPublishedExample_Is1226InABatch()
    {
        // FHL 2005 (worked example of eq. 10 on CDNOW): x = 2, t_x = 30.43, T = 38.86 gives 1.226 transactions in the next
        // 39 weeks at the published parameters. The other rows share its x or its T, so the pair index is exercised.
        var destination = new double[3];
        BgNbd.ConditionalExpectedTransactions(39, [2, 2, 0], [30.43, 10.0, 0.0], [38.86, 38.86, 38.86], destination);
        destination[0].Should().BeApproximately(1.226, 0.0005);
        destination[1].Should().BeLessThan(destination[0], "a customer whose last purchase is older is less likely alive");
    }

    [Fact]
    public void ConditionalExpectedSpend_CdnowSample_EqualsScalarForm()
    {
        var s = CdnowData.Summary;
        var spend = new double[s.Count];
        Spend.ConditionalExpectedSpend(s.Frequency.AsSpan(), s.MonetaryValue.AsSpan(), spend);
        for (int i = 0; i < s.Count; i++)
        {
            double scalar = Spend.ConditionalExpectedSpend(s.Frequency[i], s.MonetaryValue[i]);
            spend[i].Should().BeApproximately(scalar, 1e-12 * scalar);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(500)]
    public void Batches_RandomHistoriesOfManyLengths_EqualScalarFormsAlsoOnTheQuadraturePath(int n)
    {
        // Horizons of 2 to 300 weeks against ages of 0 to 80 weeks put s = t / (alpha + T) on both sides of 0.9, where the
        // BG/NBD count switches from the series to quadrature. Ages repeat (whole days), so pairs are shared.
        var random = new Random(18 + n);
        var x = new int[n];
        var tx = new double[n];
        var age = new double[n];
        var zbar = new double[n];
        for (int i = 0; i < n; i++)
        {
            age[i] = random.Next(0, 561) / 7.0;
            x[i] = age[i] == 0 ? 0 : random.Next(0, 80);
            tx[i] = x[i] == 0 ? 0 : age[i] * random.NextDouble();
            zbar[i] = x[i] == 0 ? 0 : 5 + 100 * random.NextDouble();
        }
        foreach (double t in new[] { 2.0, 39.0, 300.0 })
        {
            foreach (var model in new[] { Model("BG/NBD"), Model("MBG/NBD"), Model("Pareto/NBD") })
            {
                var batch = new double[n];
                model.ConditionalExpectedTransactions(t, x, tx, age, batch);
                for (int i = 0; i < n; i++)
                {
                    double scalar = model.ConditionalExpectedTransactions(t, x[i], tx[i], age[i]);
                    batch[i].Should().BeApproximately(scalar, 1e-12 * scalar, $"{model.Name}, t = {t}, row {i}");
                }
            }
        }
        var horizon = new ValuationHorizon(20, 0.002) { PeriodLength = 4 };
        var bgValue = new BgNbdGammaGammaValueModel(BgNbd, Spend, 0.3);
        var paretoValue = new ParetoNbdGammaGammaValueModel(ParetoNbd, Spend, 0.3);
        var bgValues = new double[n];
        var paretoValues = new double[n];
        bgValue.CustomerValues(x, tx, age, zbar, horizon, bgValues);
        paretoValue.CustomerValues(x, tx, age, zbar, horizon, paretoValues);
        for (int i = 0; i < n; i++)
        {
            double bg = bgValue.CustomerValue(x[i], tx[i], age[i], zbar[i], horizon);
            double pareto = paretoValue.CustomerValue(x[i], tx[i], age[i], zbar[i], horizon);
            bgValues[i].Should().BeApproximately(bg, 1e-12 * bg, $"BG/NBD value, row {i}");
            paretoValues[i].Should().BeApproximately(pareto, 1e-12 * pareto, $"Pareto/NBD value, row {i}");
        }
    }

    [Fact]
    public void ConditionalExpectedTransactions_LengthsDiffer_ThrowsNamingTheSpan()
    {
        var act = () => BgNbd.ConditionalExpectedTransactions(39, [1, 2], [1.0, 2.0], [3.0], new double[2]);
        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("age");
        var destination = () => ParetoNbd.ProbabilityAlive([1, 2], [1.0, 2.0], [3.0, 4.0], new double[1]);
        destination.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("destination");
    }

    [Fact]
    public void ProbabilityAlive_RecencyAfterAge_ThrowsNamingTheIndex()
    {
        var act = () => MbgNbd.ProbabilityAlive([1, 2], [1.0, 5.0], [3.0, 4.0], new double[2]);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.Message.Should().Contain("at index 1").And.Contain("recency");
    }

    [Fact]
    public void ConditionalExpectedSpend_NegativeMeanSpend_ThrowsNamingTheIndex()
    {
        var act = () => Spend.ConditionalExpectedSpend([1, 2], [10.0, -1.0], new double[2]);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.Message.Should().Contain("index 1");
    }
}
