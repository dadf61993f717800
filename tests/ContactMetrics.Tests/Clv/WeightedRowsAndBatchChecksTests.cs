using ContactMetrics.Clv;
using ContactMetrics.Domain;

namespace ContactMetrics.Tests.Clv;

/// <summary>
/// The weighted unique rows counted in one hash table (<see cref="HistoryCounts"/>) against a LINQ grouping, and the batch
/// predictions' four-at-a-time history checks against the scalar check, at every position of a batch (issue #18).
/// </summary>
public class WeightedRowsAndBatchChecksTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 300)]
    [InlineData(3, 20_000)]
    public void Compress_RandomHistoriesWithRepeats_EqualsGroupingSortedByHistory(int seed, int n)
    {
        // Few distinct values, so that many customers share a row; -0.0 recency for some x = 0 customers (equal to 0.0).
        var random = new Random(seed);
        var x = new int[n];
        var tx = new double[n];
        var t = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = random.Next(4);
            t[i] = random.Next(1, 6) / 7.0;
            tx[i] = x[i] == 0 ? (random.Next(2) == 0 ? -0.0 : 0.0) : random.Next(0, 6) / 7.0 * t[i];
        }
        var ids = Enumerable.Range(0, n).Select(i => new CustomerId($"c{i}")).ToArray();
        var summary = RfmSummary.FromColumns(ids, x, tx, t, default, RfmPeriodUnit.Week);
        var rows = summary.Compress();
        // The reference: group by the values (0.0 == -0.0 as doubles), count, sort by (x, t_x, T).
        var expected = Enumerable.Range(0, n).GroupBy(i => (x[i], tx[i] + 0.0, t[i])).Select(g => (g.Key.Item1, g.Key.Item2, g.Key.Item3, Count: (double)g.Count()))
            .OrderBy(r => r.Item1).ThenBy(r => r.Item2).ThenBy(r => r.Item3).ToArray();
        rows.Count.Should().Be(expected.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            (rows.Frequency[k], rows.Recency[k], rows.Age[k], rows.Weight[k]).Should().Be(expected[k], $"row {k}");
        }
        rows.TotalWeight.Should().Be(n);
    }

    public static TheoryData<string, int, double, double, double, string> BadHistories => new()
    {
        // kind, x, t_x, T, mean spend, the parameter the scalar check (RfmSummary.CheckRow) names
        { "negative frequency", -1, 0.0, 1.0, 1.0, "frequency" },
        { "negative age", 1, 0.0, -1.0, 1.0, "age" },
        { "infinite age", 1, 0.0, double.PositiveInfinity, 1.0, "age" },
        { "NaN age", 1, 0.0, double.NaN, 1.0, "age" },
        { "recency after age", 1, 2.0, 1.0, 1.0, "recency" },
        { "negative recency", 1, -0.5, 1.0, 1.0, "recency" },
        { "NaN recency", 1, double.NaN, 1.0, 1.0, "recency" },
        { "recency without repeat purchases", 0, 0.5, 1.0, 1.0, "recency" },
        { "negative mean spend", 1, 0.5, 1.0, -1.0, "monetaryValue" },
        { "infinite mean spend", 1, 0.5, 1.0, double.PositiveInfinity, "monetaryValue" },
    };

    [Theory]
    [MemberData(nameof(BadHistories))]
    public void BatchChecks_OneBadHistoryAtEveryPosition_ThrowTheScalarCheckNamingItsIndex(string kind, int badX, double badTx, double badT, double badSpend, string parameter)
    {
        // Eleven customers: two groups of four (the vector checks) and a tail of three (the scalar loop).
        const int n = 11;
        var model = new BetaGeometricNbdModel(new BgNbdParameters(0.243, 4.414, 0.793, 2.426));
        var value = new BgNbdGammaGammaValueModel(model, new GammaGammaModel(new GammaGammaParameters(6.25, 3.74, 15.44)), 0.3);
        bool spendOnly = parameter == "monetaryValue";
        for (int bad = 0; bad < n; bad++)
        {
            var x = Enumerable.Range(0, n).Select(i => i % 3).ToArray();
            var tx = x.Select(v => v == 0 ? 0.0 : 0.5).ToArray();
            var t = Enumerable.Repeat(1.0, n).ToArray();
            var spend = x.Select(v => v == 0 ? 0.0 : 20.0).ToArray();
            if (spendOnly)
            {
                spend[bad] = badSpend;
            }
            else
            {
                (x[bad], tx[bad], t[bad]) = (badX, badTx, badT);
            }
            var destination = new double[n];
            if (!spendOnly)
            {
                var alive = () => model.ProbabilityAlive(x, tx, t, destination);
                var error = alive.Should().Throw<ArgumentOutOfRangeException>($"{kind} at {bad}").Which;
                error.ParamName.Should().Be(parameter, $"{kind} at {bad}");
                error.Message.Should().Contain($"at index {bad}");
                destination.Should().OnlyContain(v => v == 0, "nothing is written before the checks pass");
            }
            var values = () => value.CustomerValues(x, tx, t, spend, new ValuationHorizon(3, 0.01), new double[n]);
            var valueError = values.Should().Throw<ArgumentOutOfRangeException>($"{kind} at {bad}").Which;
            valueError.ParamName.Should().Be(parameter, $"{kind} at {bad}");
            valueError.Message.Should().Contain($"at index {bad}");
        }
    }
}
