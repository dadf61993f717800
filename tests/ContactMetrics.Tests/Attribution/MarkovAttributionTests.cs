using ContactMetrics.Attribution;
using MathNet.Numerics.LinearAlgebra;
using static ContactMetrics.Tests.Attribution.AttributionFixtures;

namespace ContactMetrics.Tests.Attribution;

public class MarkovAttributionTests
{
    // REFERENCES.md "Attribution": ads x2 converted, mail x1 converted, ads > mail x1 converted, ads x1 not.
    private static readonly PathSummary Reference = Paths(("ads", 2, 20, 1), ("mail", 1, 10, 0), ("ads > mail", 1, 10, 0));

    [Fact]
    public void Fit_ReferenceExample_ReproducesRemovalEffectsAndCredits()
    {
        var fit = new MarkovAttribution().Fit(Reference);

        // REFERENCES.md: P(conversion) = 0.8; removal effects ads 0.75, mail 0.5; credits ads 2.4, mail 1.6.
        fit.ConversionProbability.Should().BeApproximately(0.8, 1e-12);
        fit.RemovalEffects.Should().Equal([0.75, 0.5], (a, b) => Math.Abs(a - b) < 1e-12);
        fit.Attribution.ConversionsOf("ads").Should().BeApproximately(2.4, 1e-12);
        fit.Attribution.ConversionsOf("mail").Should().BeApproximately(1.6, 1e-12);
        fit.Attribution.ValueOf("ads").AsDouble().Should().BeApproximately(24, 1e-10);
        fit.StateCount.Should().Be(2);
    }

    [Fact]
    public void Fit_UntouchedConversion_CreditedToDirectAlone()
    {
        // Issue #16: one conversion with no touch and one journey "email > display -> conversion". By default the untouched
        // conversion goes to (direct) alone and the chain of the other path gives email and display removal effects 1
        // and 1, normalised to its one conversion: (direct) 1, email 0.5, display 0.5; values 10, 15, 15 likewise.
        var paths = Paths(("(direct)", 1, 10, 0), ("email > display", 1, 30, 0));

        var fit = new MarkovAttribution().Fit(paths);

        fit.Attribution.ConversionsOf("(direct)").Should().BeApproximately(1, 1e-12);
        fit.Attribution.ConversionsOf("email").Should().BeApproximately(0.5, 1e-12);
        fit.Attribution.ConversionsOf("display").Should().BeApproximately(0.5, 1e-12);
        fit.Attribution.ValueOf("(direct)").AsDouble().Should().BeApproximately(10, 1e-10);
        fit.Attribution.ValueOf("email").AsDouble().Should().BeApproximately(15, 1e-10);
        fit.Attribution.Model.Should().Contain("untouched conversions credited to (direct) alone");

        // The old behaviour, inside the chain: start -> (direct) 1/2, start -> email 1/2, P(conversion) = 1; removing any
        // of the three leaves 1/2, so each removal effect is 0.5 and each gets 2 x 1/3 = 2/3 of the conversions.
        var inChain = new MarkovAttribution(untouched: UntouchedConversions.InChain).Fit(paths);
        foreach (var channel in new[] { "(direct)", "email", "display" })
        {
            inChain.Attribution.ConversionsOf(channel).Should().BeApproximately(2.0 / 3, 1e-12);
        }
    }

    [Fact]
    public void Fit_ValueWeighted_RemovalEffectsOnConversionValue()
    {
        // Reference paths with values: "ads" x2 converted worth 40 (x1 not), "mail" worth 10, "ads > mail" worth 10.
        // Mean value of a conversion from the last state (ChannelAttribution's value definition, REFERENCES.md): ads 20, mail 10.
        // Transitions: start -> ads 4/5, -> mail 1/5; ads -> conv 1/2, -> null 1/4, -> mail 1/4; mail -> conv 1.
        // Expected value: V(mail) = 10, V(ads) = 0.5 x 20 + 0.25 x 10 = 12.5, V(start) = 0.8 x 12.5 + 0.2 x 10 = 12.
        // Without ads: 0.2 x 10 = 2 -> effect 5/6; without mail: 0.8 x 0.5 x 20 = 8 -> effect 1/3. Normalised to the
        // total value 60: ads 60 x (5/6) / (7/6) = 60 x 5/7 = 42.857, mail 60 x (1/3) / (7/6) = 60 x 2/7 = 17.143 (hand computation).
        var paths = Paths(("ads", 2, 40, 1), ("mail", 1, 10, 0), ("ads > mail", 1, 10, 0));

        var weighted = new MarkovAttribution(valueWeighted: true).Fit(paths);

        weighted.Attribution.ValueOf("ads").AsDouble().Should().BeApproximately(60.0 * 5 / 7, 1e-9);
        weighted.Attribution.ValueOf("mail").AsDouble().Should().BeApproximately(60.0 * 2 / 7, 1e-9);
        // Conversions keep the conversion removal effects (0.75, 0.5): ads 2.4, mail 1.6 as in REFERENCES.md.
        weighted.Attribution.ConversionsOf("ads").Should().BeApproximately(2.4, 1e-12);
        // Without the option the value follows the conversion shares: ads 2.4 / 4 x 60 = 36.
        new MarkovAttribution().Fit(paths).Attribution.ValueOf("ads").AsDouble().Should().BeApproximately(36, 1e-9);
    }

    [Fact]
    public void Fit_SelfLoops_SolvedExactly()
    {
        // start -> a (1); a -> a 1/3, a -> b 1/3, a -> conv 1/3 (by counts 1:1:1 over journeys); b -> conv.
        // P = (1/3 + 1/3) / (1 - 1/3) = 1; remove b: P = (1/3) / (2/3) = 0.5.
        var paths = Paths(("a > a", 1, 1, 0), ("a > b", 1, 1, 0));

        var fit = new MarkovAttribution().Fit(paths);

        fit.ConversionProbability.Should().BeApproximately(1, 1e-12);
        fit.RemovalEffects[paths.IndexOf("b")].Should().BeApproximately(0.5, 1e-12);
        fit.RemovalEffects[paths.IndexOf("a")].Should().BeApproximately(1, 1e-12);
    }

    [Fact]
    public void Fit_OrderTwo_UsesPairsOfChannels()
    {
        // Second order on the reference: states (ads), (mail), (ads, mail). Removing ads leaves only "mail":
        // P = 1/5 as in first order; removing mail leaves ads -> conv 2/4: P = 0.4. Same effects here.
        var fit = new MarkovAttribution(order: 2).Fit(Reference);

        fit.StateCount.Should().Be(3);
        fit.ConversionProbability.Should().BeApproximately(0.8, 1e-12);
        fit.Attribution.ConversionsOf("ads").Should().BeApproximately(2.4, 1e-12);
    }

    [Fact]
    public void Fit_OrderTwo_DiffersFromOrderOneWhenHistoryMatters()
    {
        // After a -> c the journey converts, after b -> c it does not: only a second-order chain sees it.
        var paths = Paths(("a > c", 10, 10, 0), ("b > c", 0, 0, 10));

        var first = new MarkovAttribution(1).Fit(paths);
        var second = new MarkovAttribution(2).Fit(paths);

        second.RemovalEffects[paths.IndexOf("b")].Should().BeApproximately(0, 1e-12);
        first.RemovalEffects[paths.IndexOf("b")].Should().BeGreaterThan(0.1);
    }

    [Fact]
    public void Fit_NoConversions_GivesZeroCredits()
    {
        var fit = new MarkovAttribution().Fit(Paths(("a", 0, 0, 3)));

        fit.ConversionProbability.Should().Be(0);
        fit.Attribution.TotalConversions.Should().Be(0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(MarkovAttribution.MaxOrder + 1)]
    public void Constructor_OrderOutOfRange_Throws(int order)
    {
        var act = () => new MarkovAttribution(order);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("order");
    }

    [Fact]
    public void Fit_TooManyChannelsForTheOrder_ThrowsInsteadOfHanging()
    {
        var paths = RandomPaths(1, 300, 50);

        var act = () => new MarkovAttribution(MarkovAttribution.MaxOrder).Fit(paths);

        act.Should().Throw<ArgumentException>().WithMessage("*lower order*");
    }

    [Fact]
    public void Fit_PathsFile_OrderOneAndTwoSumToTheTotal()
    {
        var paths = PathsData.Paths1M;

        foreach (int order in new[] { 1, 2 })
        {
            var fit = new MarkovAttribution(order).Fit(paths);

            fit.Attribution.TotalConversions.Should().BeApproximately(paths.TotalConversions, 1e-9 * paths.TotalConversions);
            fit.Attribution.TotalValue.AsDouble().Should().BeApproximately(paths.TotalValue.AsDouble(), 1e-9 * paths.TotalValue.AsDouble());
            fit.ConversionProbability.Should().BeApproximately(paths.TotalConversions / (paths.TotalConversions + paths.TotalNulls), 1e-9);
        }
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 6)]
    [InlineData(3, 10)]
    public void Fit_OrderOne_MatchesADenseLinearSolve(int seed, int channels)
    {
        var paths = RandomPaths(seed, channels, 200);

        var fit = new MarkovAttribution().Fit(paths);

        double p = DenseConversionProbability(paths, removed: -1);
        fit.ConversionProbability.Should().BeApproximately(p, 1e-12);
        for (int c = 0; c < channels; c++)
        {
            fit.RemovalEffects[c].Should().BeApproximately(1 - DenseConversionProbability(paths, c) / p, 1e-10, $"channel {c}");
        }
    }

    /// <summary>
    /// An independent first-order chain: transient states are the channels; x = (I - Q)^-1 r by LU, where r
    /// is the probability of converting next; P = sum over channels of P(start -> c) x_c. The removed channel's
    /// row and column are zeroed (it absorbs into null).
    /// </summary>
    private static double DenseConversionProbability(PathSummary paths, int removed)
    {
        int n = paths.Channels.Length;
        var counts = Matrix<double>.Build.Dense(n, n);
        var toConversion = new double[n];
        var outTotal = new double[n];
        var start = new double[n];
        for (int p = 0; p < paths.Count; p++)
        {
            var path = paths.Path(p);
            double journeys = paths.Conversions[p] + paths.Nulls[p];
            start[path[0]] += journeys;
            for (int i = 0; i + 1 < path.Length; i++)
            {
                counts[path[i], path[i + 1]] += journeys;
                outTotal[path[i]] += journeys;
            }
            toConversion[path[^1]] += paths.Conversions[p];
            outTotal[path[^1]] += journeys;
        }
        var a = Matrix<double>.Build.DenseIdentity(n);
        var r = Vector<double>.Build.Dense(n);
        for (int i = 0; i < n; i++)
        {
            if (i == removed || outTotal[i] == 0)
            {
                continue;
            }
            r[i] = toConversion[i] / outTotal[i];
            for (int j = 0; j < n; j++)
            {
                if (j != removed)
                {
                    a[i, j] -= counts[i, j] / outTotal[i];
                }
            }
        }
        var x = a.Solve(r);
        double total = start.Sum(), result = 0;
        for (int c = 0; c < n; c++)
        {
            if (c != removed)
            {
                result += start[c] / total * x[c];
            }
        }
        return result;
    }
}
