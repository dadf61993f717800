using ContactMetrics.Attribution;
using static ContactMetrics.Tests.Attribution.AttributionFixtures;

namespace ContactMetrics.Tests.Attribution;

/// <summary>Invariants every path model must keep, on seeded random summaries.</summary>
public class AttributionInvariantTests
{
    public static TheoryData<string> Models => new(ModelsByName.Keys);

    private static readonly Dictionary<string, IAttributionModel> ModelsByName = new()
    {
        ["first"] = new FirstTouchAttribution(),
        ["last"] = new LastTouchAttribution(),
        ["last-non-service"] = new LastNonServiceTouchAttribution("c1"),
        ["linear"] = new LinearAttribution(),
        ["position"] = new PositionBasedAttribution(),
        ["position-30-50"] = new PositionBasedAttribution(0.3, 0.5),
        ["markov-1"] = new MarkovAttribution(1),
        ["markov-2"] = new MarkovAttribution(2),
        ["markov-3"] = new MarkovAttribution(3),
        ["shapley"] = new ShapleyAttribution(),
        ["shapley-per-conversion"] = new ShapleyAttribution(ShapleyForm.PerConversion),
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Attribute_RandomPaths_CreditsSumToTotals(string model)
    {
        for (int seed = 1; seed <= 20; seed++)
        {
            var paths = RandomPaths(seed, 2 + seed % 7, 5 + 10 * seed);

            var result = ModelsByName[model].Attribute(paths);

            result.TotalConversions.Should().BeApproximately(paths.TotalConversions, 1e-9 * (1 + paths.TotalConversions), $"seed {seed}");
            result.TotalValue.AsDouble().Should().BeApproximately(paths.TotalValue.AsDouble(), 1e-9 * (1 + paths.TotalValue.AsDouble()), $"seed {seed}");
            result.Conversions.Should().OnlyContain(c => c >= -1e-12, $"seed {seed}");
            result.Currency.Should().Be(paths.Currency, $"seed {seed}");
            result.Value.Should().OnlyContain(v => v.Currency == paths.Currency, $"seed {seed}");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Attribute_RelabelledChannels_PermutesCredits(string model)
    {
        for (int seed = 1; seed <= 10; seed++)
        {
            int channels = 3 + seed % 5;
            var paths = RandomPaths(100 + seed, channels, 60);
            var perm = Enumerable.Range(0, channels).ToArray();
            new Random(seed).Shuffle(perm);
            // The last-non-service model is keyed on a name (c1 is its service channel), so only a
            // permutation that keeps c1 in place is a relabelling for it.
            if (model == "last-non-service")
            {
                (perm[1], perm[Array.IndexOf(perm, 1)]) = (1, perm[1]);
            }
            var relabelled = Relabel(paths, perm);

            var before = ModelsByName[model].Attribute(paths);
            var after = ModelsByName[model].Attribute(relabelled);

            // Channel i of paths is called Channels[perm[i]] in relabelled.
            for (int c = 0; c < channels; c++)
            {
                after.ConversionsOf(paths.Channels[perm[c]]).Should().BeApproximately(before.Conversions[c], 1e-9 * (1 + paths.TotalConversions), $"seed {seed}");
                after.ValueOf(paths.Channels[perm[c]]).AsDouble().Should().BeApproximately(before.Value[c].AsDouble(), 1e-9 * (1 + paths.TotalValue.AsDouble()), $"seed {seed}");
            }
        }
    }

    [Fact]
    public void Attribute_NullModelArgument_Throws()
    {
        foreach (var model in ModelsByName.Values)
        {
            var act = () => model.Attribute(null!);

            act.Should().Throw<ArgumentNullException>();
        }
    }
}
