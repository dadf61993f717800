using ContactMetrics.Simulation;

namespace ContactMetrics.Simulation.Tests;

public sealed class SeededRandomTests
{
    [Fact]
    public void NextUInt64_SeedZero_MatchesSplitMix64ReferenceOutput()
    {
        // Reference outputs of SplitMix64 seeded with 0 (Vigna's splitmix64.c, the generator of
        // Steele, Lea and Flood 2014): e220a8397b1dcdaf, 6e789e6aa1b965f4, 06c45d188009454f.
        var random = new SeededRandom(0);

        random.NextUInt64().Should().Be(0xE220A8397B1DCDAFUL);
        random.NextUInt64().Should().Be(0x6E789E6AA1B965F4UL);
        random.NextUInt64().Should().Be(0x06C45D188009454FUL);
    }

    [Fact]
    public void Reseed_SameSeed_RepeatsTheSequence()
    {
        var random = new SeededRandom(123);
        var first = Enumerable.Range(0, 5).Select(_ => random.NextDouble()).ToArray();

        random.Reseed(123);

        Enumerable.Range(0, 5).Select(_ => random.NextDouble()).Should().Equal(first);
    }

    [Fact]
    public void Derive_DifferentChildrenOrParents_GiveDifferentSeeds()
    {
        ulong root = SeededRandom.Root(1);
        var seeds = new HashSet<ulong>();
        for (ulong stream = 0; stream < 8; stream++)
        {
            for (ulong child = 0; child < 1_000; child++)
            {
                seeds.Add(SeededRandom.Derive(SeededRandom.Derive(root, stream), child));
            }
        }

        seeds.Should().HaveCount(8_000);
        SeededRandom.Root(1).Should().NotBe(SeededRandom.Root(2));
        SeededRandom.Derive(root, 1).Should().Be(SeededRandom.Derive(root, 1));
    }

    [Fact]
    public void NextDouble_ManyDraws_UniformInUnitInterval()
    {
        var random = new SeededRandom(7);
        var draws = Enumerable.Range(0, 100_000).Select(_ => random.NextDouble()).ToArray();

        draws.Should().OnlyContain(u => u >= 0 && u < 1);
        draws.Average().Should().BeApproximately(0.5, 0.005);
        draws.Count(u => u < 0.1).Should().BeInRange(9_500, 10_500);
    }

    [Fact]
    public void Next_Bound_StaysInRange()
    {
        var random = new SeededRandom(9);

        Enumerable.Range(0, 10_000).Select(_ => random.Next(7)).Should().OnlyContain(v => v >= 0 && v < 7).And.Contain(6);
        Enumerable.Range(0, 1_000).Select(_ => random.Next(-3, 3)).Should().OnlyContain(v => v >= -3 && v < 3);
        random.Next(0).Should().Be(0);
        random.NextInt64(5, 5).Should().Be(5);
    }

    [Fact]
    public void Samplers_ManyDraws_HaveTheirTheoreticalMeans()
    {
        var random = new SeededRandom(11);
        const int n = 200_000;
        double exponential = 0, normal = 0, normalSquare = 0, logNormal = 0, gamma = 0, beta = 0;
        for (int i = 0; i < n; i++)
        {
            exponential += random.NextExponential(3.0);
            double z = random.NextStandardNormal();
            normal += z;
            normalSquare += z * z;
            logNormal += random.NextLogNormal(100, 0.5);
            gamma += random.NextGamma(0.243, 4.414);
            beta += random.NextBeta(0.793, 2.426);
        }

        (exponential / n).Should().BeApproximately(3.0, 0.03);
        (normal / n).Should().BeApproximately(0.0, 0.01);
        (normalSquare / n).Should().BeApproximately(1.0, 0.01);
        (logNormal / n).Should().BeApproximately(100 * Math.Exp(0.125), 0.5);      // median exp(sigma^2 / 2)
        (gamma / n).Should().BeApproximately(0.243 / 4.414, 0.002);                 // shape / rate
        (beta / n).Should().BeApproximately(0.793 / (0.793 + 2.426), 0.003);        // a / (a + b)
    }

    [Fact]
    public void NextIndex_ZeroWeights_NeverChosen()
    {
        var random = new SeededRandom(5);
        double[] cumulative = SeededRandom.Cumulative([0.0, 1.0, 0.0, 3.0, 0.0]);

        var picks = Enumerable.Range(0, 10_000).Select(_ => random.NextIndex(cumulative)).ToArray();

        picks.Should().OnlyContain(i => i == 1 || i == 3);
        picks.Count(i => i == 3).Should().BeInRange(7_200, 7_800);
        SeededRandom.IndexOf(cumulative, 0.999999999999).Should().Be(3);
        SeededRandom.IndexOf(cumulative, 1.0).Should().Be(3);
    }
}
