using ContactMetrics.Domain;
using ContactMetrics.Valuation;
using static ContactMetrics.Tests.Valuation.ValuationTestInputs;

namespace ContactMetrics.Tests.Valuation;

public class BusinessCasePropertyTests
{
    [Fact]
    public void Analyze_RandomCases_InvariantsHold()
    {
        // 60 random cases of 1-4 product lines over a pool of 6 inputs of every distribution: the point total is the sum
        // of the lines, percentiles are ordered and within the draws' range, the tornado is ranked, and the total's swing
        // of each input is the sum of the swings in the lines that use it (products are linear in each factor).
        var random = new Random(2026);
        for (int c = 0; c < 60; c++)
        {
            var pool = Enumerable.Range(0, 6).Select(k => RandomInput(random, $"x{k}")).ToArray();
            int lines = 1 + random.Next(4);
            var items = new List<LineItem>();
            for (int l = 0; l < lines; l++)
            {
                var factors = pool.Where(_ => random.NextDouble() < 0.5).Append(Euros($"price {l}", 1 + random.Next(50))).ToArray();
                items.Add(LineItem.Product($"line {l}", "m", Eur, factors));
            }
            var businessCase = new BusinessCase($"case {c}", Eur, items);

            var analysis = businessCase.Analyze(500, seed: c);

            ((double)businessCase.Total.Amount).Should().BeApproximately(items.Sum(i => (double)i.Value.Amount), 0.01 * lines);
            foreach (var d in analysis.Lines.Select(x => x.Value).Append(analysis.Total))
            {
                d.P10.Should().BeLessThanOrEqualTo(d.P50);
                d.P50.Should().BeLessThanOrEqualTo(d.P90);
            }
            analysis.Tornado.Select(t => t.Swing.Amount).Should().BeInDescendingOrder();
            foreach (var entry in analysis.Tornado)
            {
                double expected = items.Where(i => i.Inputs.Contains(entry.Input))
                    .Sum(i => i.Inputs.Aggregate(1.0, (product, x) => product * (x == entry.Input ? x.High - x.Low : x.Point)));
                ((double)entry.Swing.Amount).Should().BeApproximately(Math.Abs(expected), 0.0051 + (1e-12 * Math.Abs(expected)));
            }
        }
    }

    private static UncertainInput RandomInput(Random random, string name)
    {
        double low = 1 + (10 * random.NextDouble());
        double point = low + (5 * random.NextDouble());
        double high = point + (5 * random.NextDouble());
        return random.Next(4) switch
        {
            0 => UncertainInput.Assumed(name, "u", point, low, high, "t", SamplingDistribution.Triangular),
            1 => UncertainInput.Assumed(name, "u", point, low, high, "t", SamplingDistribution.Uniform),
            2 => UncertainInput.Assumed(name, "u", point, low, high, "t"),
            _ => UncertainInput.AssumedPercentiles(name, "u", point, low, high, "t", minimum: 0),
        };
    }
}
