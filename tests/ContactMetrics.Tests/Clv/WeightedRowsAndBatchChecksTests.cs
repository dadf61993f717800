using ContactMetrics.Clv;
using ContactMetrics.Domain;

namespace ContactMetrics.Tests.Clv;

/// <summary>
/// The weighted unique rows counted in the hash tables (<see cref="GridHistoryCounts"/>, <see cref="HistoryCounts"/>) against a LINQ grouping, and the batch
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

    [Theory]
    [InlineData(4, 20_000, 0.0)]
    [InlineData(5, 20_000, 0.01)]
    [InlineData(6, 20_000, 0.5)]
    [InlineData(9, 7, 1.0)]
    public void Compress_HistoriesOnAndOffTheWeekGrid_EqualsGroupingSortedByHistory(int seed, int n, double offGridShare)
    {
        // Times as the builder makes them (days / 7.0: on the grid GridHistoryCounts keys by k = days) and, for a share of the
        // customers, off it: times to two decimals, days past the grid's 4,096, or x of 255 and more. With half the customers off
        // the grid, the table keyed by bits takes over the rest of the batch, so histories on the grid are counted in both tables
        // and merged. The reference: a LINQ grouping by the values, sorted by (x, t_x, T).
        var random = new Random(seed);
        var x = new int[n];
        var tx = new double[n];
        var t = new double[n];
        for (int i = 0; i < n; i++)
        {
            int ageDays = random.Next(0, 60);
            x[i] = ageDays == 0 ? 0 : random.Next(4);
            int recencyDays = x[i] == 0 ? 0 : random.Next(1, ageDays + 1);
            t[i] = ageDays / 7.0;
            tx[i] = x[i] == 0 && random.Next(2) == 0 ? -0.0 : recencyDays / 7.0;
            if (random.NextDouble() < offGridShare)
            {
                switch (random.Next(3))
                {
                    case 0:
                        t[i] = Math.Round(t[i], 2);
                        tx[i] = Math.Min(Math.Round(tx[i], 2), t[i]);
                        break;
                    case 1:
                        t[i] = (4_090 + random.Next(10)) / 7.0;
                        break;
                    default:
                        x[i] = 254 + random.Next(3);
                        tx[i] = t[i];
                        break;
                }
            }
        }
        var ids = Enumerable.Range(0, n).Select(i => new CustomerId($"c{i}")).ToArray();
        var rows = RfmSummary.FromColumns(ids, x, tx, t, default, RfmPeriodUnit.Week).Compress();
        var expected = Enumerable.Range(0, n).GroupBy(i => (x[i], tx[i] + 0.0, t[i])).Select(g => (g.Key.Item1, g.Key.Item2, g.Key.Item3, Count: (double)g.Count()))
            .OrderBy(r => r.Item1).ThenBy(r => r.Item2).ThenBy(r => r.Item3).ToArray();
        rows.Count.Should().Be(expected.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            (rows.Frequency[k], rows.Recency[k], rows.Age[k], rows.Weight[k]).Should().Be(expected[k], $"row {k}");
        }
    }

    [Theory]
    [InlineData(RfmPeriodUnit.Day)]
    [InlineData(RfmPeriodUnit.Week)]
    [InlineData(RfmPeriodUnit.Month)]
    public void GridHistoryCounts_EveryGridTime_IsOnItsGridAndTheNextDoubleIsNot(RfmPeriodUnit period)
    {
        // Every k / d below 4,096 is counted under its own key, the keys sort as the times, and a time one unit in the last
        // place away from a grid time is not on the grid (so two times never share a key).
        var grid = GridHistoryCounts.Grid(period);
        double days = period.Days();
        var counts = new GridHistoryCounts();
        for (int k = 0; k < GridHistoryCounts.GridLength; k++)
        {
            counts.TryAdd(1, grid[k], grid[k], days, grid).Should().BeTrue($"k = {k}");
            counts.TryAdd(1, Math.BitIncrement(grid[k]), grid[k], days, grid).Should().BeFalse($"k = {k}, next double");
            if (k > 0)
            {
                counts.TryAdd(1, grid[k], Math.BitDecrement(grid[k]), days, grid).Should().BeFalse($"k = {k}, previous double");
            }
        }
        counts.TryAdd(GridHistoryCounts.FrequencyLimit, 0.0, 0.0, days, grid).Should().BeFalse("x of 255 is left to the other table");
        var (keys, weights) = counts.SortedKeys();
        keys.Length.Should().Be(GridHistoryCounts.GridLength);
        weights.Should().AllSatisfy(w => w.Should().Be(1.0));
        for (int k = 0; k < keys.Length; k++)
        {
            grid[GridHistoryCounts.FirstNumber(keys[k])].Should().Be(grid[k]);
            GridHistoryCounts.X(keys[k]).Should().Be(1);
        }
    }

    [Fact]
    public void GridHistoryCounts_AddGroups_TimesShorterThanTheFrequencies_Throws()
    {
        // The four-at-a-time loads are unchecked and bounded by the frequencies' length: shorter time columns must be
        // refused, not read past their end (8 frequencies, 8 ages, 5 recencies: the second group would read 3 doubles beyond).
        var grid = GridHistoryCounts.Grid(RfmPeriodUnit.Week);
        var counts = new GridHistoryCounts();
        var act = () => counts.AddGroups(new int[8], new double[5], new double[8], 7.0, grid, 0);
        act.Should().Throw<ArgumentException>();
        var act2 = () => counts.AddGroups(new int[8], new double[8], new double[5], 7.0, grid, 0);
        act2.Should().Throw<ArgumentException>();
        counts.Count.Should().Be(0);
    }

    [Theory]
    [InlineData(7, 40)]
    [InlineData(8, 5_000)]
    public void HistoryCounts_ManyKeysWithTheZeroKey_NumbersInFirstAppearanceAndCountsEqualADictionary(int seed, int distinct)
    {
        // Keys (x, t1, t2) with consecutive frequencies and times k/7 apart (close bit patterns), the zero key (0, 0.0, 0.0),
        // which is also what an empty entry holds, and -0.0 for 0.0; 5,000 distinct keys grow the table eight times past its
        // 64 entries, so every key is placed again. The reference: a dictionary of the values, numbered on first sight.
        var random = new Random(seed);
        var keys = new List<(int X, double First, double Second)> { (0, -0.0, 0.0), (0, 0.0, -0.0) };
        for (int k = 1; k < distinct; k++)
        {
            keys.Add((k % 30, k / 30 / 7.0, k % 3 == 0 ? 0.0 : (k / 30 + 1) / 7.0));
        }
        var counts = new HistoryCounts();
        var expectedNumber = new Dictionary<(int, double, double), int>();
        var expectedCount = new List<double>();
        var order = new List<(int, double, double)>();
        for (int i = 0; i < 4 * distinct; i++)
        {
            // The first pass adds every key in order (the zero key first), later ones at random.
            var key = i < keys.Count ? keys[i] : keys[random.Next(keys.Count)];
            var value = (key.X, key.First + 0.0, key.Second + 0.0);
            if (!expectedNumber.TryGetValue(value, out int number))
            {
                number = expectedNumber.Count;
                expectedNumber.Add(value, number);
                expectedCount.Add(0);
                order.Add(value);
            }
            expectedCount[number]++;
            counts.Add(key.X, key.First, key.Second).Should().Be(number, $"add {i} of {key}");
        }
        counts.Count.Should().Be(distinct);
        counts.Weights().Should().Equal(expectedCount);
        for (int k = 0; k < distinct; k++)
        {
            (counts.X(k), counts.First(k), counts.Second(k)).Should().Be(order[k], $"key {k}");
        }
    }

    [Fact]
    public void Compress_CustomersAcquiredAtTheCutOff_KeepTheZeroRowWithItsWeight()
    {
        // T = 0 (first purchase on the cut-off date) gives the row (0, 0, 0), the key of an empty table entry: counted as a row
        // of its own, sorted first. By hand: 3 such customers, 2 of (1, 0.5, 1.0), 1 of (0, 0, 1.0).
        var x = new[] { 0, 1, 0, 0, 1, 0 };
        var tx = new[] { 0.0, 0.5, -0.0, 0.0, 0.5, 0.0 };
        var t = new[] { 0.0, 1.0, 0.0, 1.0, 1.0, 0.0 };
        var ids = Enumerable.Range(0, x.Length).Select(i => new CustomerId($"c{i}")).ToArray();
        var rows = RfmSummary.FromColumns(ids, x, tx, t, default, RfmPeriodUnit.Week).Compress();
        rows.Weight.Should().Equal(3.0, 1.0, 2.0);
        rows.Frequency.Should().Equal(0, 0, 1);
        rows.Recency.Should().Equal(0.0, 0.0, 0.5);
        rows.Age.Should().Equal(0.0, 1.0, 1.0);
    }

    [Fact]
    public void Times_RowsSharingTimes_DistinctInFirstAppearanceAndEachRowIndexed()
    {
        // By hand: rows (t_x, T) = (0, 2), (-0.0, 2), (1, 2), (2, 3), (1, 3): the times in order of first appearance, each
        // row's recency and then its age, are 0, 2, 1, 3 (-0.0 is 0; 2 appears as an age and as a recency).
        var rows = CompressedRfmSummary.FromColumns([1.0, 2.0, 3.0, 4.0, 5.0], [0, 0, 1, 2, 3], [0.0, -0.0, 1.0, 2.0, 1.0], [2.0, 2.0, 2.0, 3.0, 3.0], RfmPeriodUnit.Week);
        var times = rows.Times;
        times.Values.Should().Equal(0.0, 2.0, 1.0, 3.0);
        times.RecencyIndex.Should().Equal(0, 0, 2, 1, 2);
        times.AgeIndex.Should().Equal(1, 1, 1, 3, 3);
        rows.Times.Should().BeSameAs(times, "the table is built once and kept for the fit's evaluations");
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
