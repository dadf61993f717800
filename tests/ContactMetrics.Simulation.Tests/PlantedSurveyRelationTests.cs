using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Valuation;
using NodaTime;

namespace ContactMetrics.Simulation.Tests;

/// <summary>
/// The survey relations planted by the presets (issue #13 item 4), recovered from the tables. Expected values are the
/// planted options (docs/simulation.md): the telecom segments' top-box hazard ratios (consumer 0.6, smb 0.75 in
/// <see cref="SimulationPresets"/>), the recommendation probabilities of <see cref="SurveyOptions"/> (0.36 at NPS 10 and
/// 0.14 at 7, the MarketResponse study) and the high-effort repeat probability (0.2 in the presets).
/// </summary>
[Collection(SimulationCollection.Name)]
public sealed class PlantedSurveyRelationTests(SimulationFixture fixture)
{
    [Theory]
    [InlineData("consumer")]
    [InlineData("smb")]
    public void TopBoxHazardRatio_PlantedPerSegment_IntervalContainsThePlantedRatio(string segment)
    {
        var center = fixture.Telecom;
        double planted = center.Options.Segments.Single(s => s.Name == segment).TopBoxHazardRatio;

        var hr = PlantedEffectChecks.TopBoxHazardRatio(center, segment);

        hr.Should().NotBeNull();
        hr!.HazardRatioInterval.Contains(planted).Should().BeTrue($"the planted ratio {planted} should be inside {hr.HazardRatioInterval} (estimate {hr.HazardRatio})");
        hr.HazardRatioInterval.Upper.Should().BeLessThan(1.0, "the planted effect is clearly below 1 in this segment");
    }

    [Fact]
    public void TopBoxHazardRatio_NoPlantedEffect_IntervalContainsOne()
    {
        // The plain options plant no CSAT effect (TopBoxHazardRatio 1 in every segment).
        var hr = PlantedEffectChecks.TopBoxHazardRatio(fixture.Large, "consumer");

        hr.Should().NotBeNull();
        hr!.HazardRatioInterval.Contains(1.0).Should().BeTrue($"{hr.HazardRatioInterval}");
    }

    [Fact]
    public void TopBoxHazardRatio_UnknownSegment_IsNull()
        => PlantedEffectChecks.TopBoxHazardRatio(fixture.Telecom, "no-such-segment").Should().BeNull();

    [Theory]
    [InlineData(10, 0.36)]
    [InlineData(7, 0.14)]
    public void Recommended_ShareByNpsScore_WilsonIntervalContainsTheStudyValue(int score, double planted)
    {
        var answers = fixture.Telecom.Interactions.Where(i => i.Survey?.Nps == score).ToList();

        answers.Should().OnlyContain(i => i.Survey!.Recommended != null, "every response with an NPS answer is asked whether the customer recommended");
        long yes = answers.Count(i => i.Survey!.Recommended == true);
        var interval = new RateEstimate(yes, answers.Count, "recommended").Interval!.Value;
        interval.Contains(planted).Should().BeTrue($"{yes} of {answers.Count} recommended at {score}: {interval}");
    }

    [Fact]
    public void RecommendationProbability_IsTheStudysValuesAndMonotone()
    {
        var s = new SurveyOptions();

        s.RecommendationProbability(10).Should().BeApproximately(0.36, 1e-12);
        s.RecommendationProbability(7).Should().BeApproximately(0.14, 1e-12);
        Enumerable.Range(0, 10).Should().OnlyContain(k => s.RecommendationProbability(k) < s.RecommendationProbability(k + 1));
        // Hand computation: logit(0.36) = -0.575364, logit(0.14) = -1.815290, slope 0.413309 per point;
        // at 9: logit -0.988673 -> 0.271174 (python3: 1 / (1 + exp(0.988673))).
        s.RecommendationProbability(9).Should().BeApproximately(0.271174, 1e-6);
    }

    [Fact]
    public void HighEffortRepeats_ResolvedContacts_ExtraRepeatShareContainsThePlantedProbability()
    {
        // Resolved answered contacts with a CES answer: the share followed by a contact of the same customer on the same
        // reason within 14 days, CES 1-3 minus CES 4-7. A repeat after a high-effort contact is planted with probability
        // 0.2 and arrives 1.5 days later on average, so within 14 days nearly always; the background of new contacts on
        // the same reason is the same in both groups.
        var center = fixture.Telecom;
        double planted = center.Options.Surveys.HighEffortRepeatProbability;

        var (high, low) = FollowedShares(center, Duration.FromDays(14));

        double d = high.Share - low.Share;
        double se = Math.Sqrt((high.Share * (1 - high.Share) / high.N) + (low.Share * (1 - low.Share) / low.N));
        (Math.Abs(d - planted) < 1.96 * se).Should().BeTrue($"difference {d:0.0000} (SE {se:0.0000}; {high.N} high-effort, {low.N} other contacts) should be within 1.96 SE of {planted}");
    }

    [Fact]
    public void HighEffortRepeats_NotPlanted_NoExtraRepeats()
    {
        var (high, low) = FollowedShares(fixture.Large, Duration.FromDays(14));

        double d = high.Share - low.Share;
        double se = Math.Sqrt((high.Share * (1 - high.Share) / high.N) + (low.Share * (1 - low.Share) / low.N));
        Math.Abs(d).Should().BeLessThan(1.96 * se, $"no effort effect is planted in the plain options; difference {d:0.0000}");
    }

    private static ((double Share, int N) High, (double Share, int N) Low) FollowedShares(SimulatedContactCenter center, Duration window)
    {
        var byCustomer = center.Interactions.Where(i => i.CustomerId is not null).GroupBy(i => i.CustomerId!.Value)
            .ToDictionary(g => g.Key, g => g.OrderBy(i => i.ArrivedAt).ToList());
        int highN = 0, highK = 0, lowN = 0, lowK = 0;
        foreach (var i in center.Interactions)
        {
            if (i.Resolved != true || i.Survey?.Ces is not int ces || i.EndedAt + window > center.End)
            {
                continue;
            }
            bool followed = byCustomer[i.CustomerId!.Value].Any(j => j.Reason == i.Reason && j.ArrivedAt > i.EndedAt && j.ArrivedAt <= i.EndedAt + window);
            if (ces <= center.Options.Surveys.HighEffortMaximum)
            {
                highN++;
                highK += followed ? 1 : 0;
            }
            else
            {
                lowN++;
                lowK += followed ? 1 : 0;
            }
        }
        return (((double)highK / highN, highN), ((double)lowK / lowN, lowN));
    }

    [Fact]
    public void Analysis_OfThePlantedWorld_RecoversTheEffortAndRecommendationRelations()
    {
        // What the analysis measures from the tables alone (ContactCenterAnalysis, docs/models/valuation.md). CES: the
        // extra repeats of a difficult resolved issue are the planted 0.2 times the chance the repeat arrives within the
        // 7-day FCR window (delay exponential with mean 36 h, the next open day at the latest: about 0.98), minus
        // nothing else planted; its 95% interval must hold 0.2 x 0.98 = 0.196. NPS: the shares who recommend at 10 and 7
        // (Wilson intervals) must hold the study's 0.36 and 0.14 that the simulation plants.
        var center = fixture.Telecom;
        var analysis = SimulationTables.Analyze(center);

        var extra = analysis.CesRepeats.Value.Item.Inputs.Single(i => i.Name == "extra repeats per difficult contact");
        (extra.Low <= 0.196 && 0.196 <= extra.High).Should().BeTrue($"extra repeats {extra.Point:0.0000} [{extra.Low:0.0000}, {extra.High:0.0000}]");
        var nps = analysis.NpsReferrals.Value.Item.Inputs.ToDictionary(i => i.Name);
        (nps["share who recommend at 10"].Low <= 0.36 && 0.36 <= nps["share who recommend at 10"].High).Should().BeTrue($"{nps["share who recommend at 10"]}");
        (nps["share who recommend at 7"].Low <= 0.14 && 0.14 <= nps["share who recommend at 7"].High).Should().BeTrue($"{nps["share who recommend at 7"]}");
        // CSAT: top-box customers keep more often in the consumer segment, where the planted ratio (0.6) is strongest.
        analysis.CsatChurn.Value.Segments.Single(s => s.Segment == "consumer").Comparison.Difference.Interval.Lower.Should().BeGreaterThan(0);
    }
}
