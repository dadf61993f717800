using ContactMetrics.Domain;
using ContactMetrics.Valuation;

namespace ContactMetrics.Tests.Valuation;

/// <summary>The service programme's attrition line reads the agent tenure measured from agent ids (issue #13 item 3).</summary>
public partial class ContactCenterAnalysisTests
{
    [Fact]
    public void AttritionLine_ReadsTheMeasuredHeadcountRateAndGap()
    {
        var attrition = Analysis.AgentAttrition.Value;
        var gap = Analysis.NewHireGap.Value;
        var inputs = Analysis.ServiceProgramme.Value.Case.Inputs;
        output.WriteLine($"{attrition.AnnualRate}, head count {attrition.Headcount:0.##}; gap {gap.ProductivityGap}");

        Analysis.AgentAttrition.Should().BeSameAs(Analysis.AgentAttrition);
        inputs.Single(i => i.Name == "agents").Point.Should().Be(Math.Round(attrition.Headcount, 1));
        inputs.Single(i => i.Name == "agents").Source.Origin.Should().Be(InputOrigin.Measured);
        inputs.Single(i => i.Name == "attrition reduction").Source.ToString().Should().Contain($"from the measured {attrition.AnnualRate.Point * 100:0.#}% a year");
        // Hand formula (AgentAttritionCost): recruiting 2,500 + training 4,000 + 13 weeks x 38 paid hours x 34 an hour x the gap.
        double g = Math.Clamp(gap.ProductivityGap.Point!.Value, 0, 1);
        inputs.Single(i => i.Name == "cost per leaver").Point.Should().BeApproximately(6_500 + Math.Round(13 * 38 * 34 * g, 2), 0.005);
    }

    [Fact]
    public void AttritionLine_WithoutAgentIds_FallsBackToTheAssumptionsAndSaysSo()
    {
        var anonymous = Center.Interactions.Select(i => new Interaction(i.Id, i.CustomerId, i.Channel, i.ArrivedAt, i.EndedAt, i.Direction,
            null, i.Queue, i.Reason, i.AnsweredAt, i.Talk, i.Hold, i.AfterCallWork, i.Resolved, i.Transfers, i.Survey)).ToList();
        var analysis = ContactCenterAnalysis.Create(
            ContactCenterData.Create(Center.Customers, anonymous, Center.Purchases, Center.Touchpoints, Center.Conversions),
            Analysis.Window, Analysis.Options);
        var inputs = analysis.ServiceProgramme.Value.Case.Inputs;

        analysis.AgentAttrition.Reason.Should().Contain("agent id");
        analysis.NewHireGap.Reason.Should().Contain("agent id");
        inputs.Single(i => i.Name == "agents").Source.ToString().Should().Contain("no measured head count");
        inputs.Single(i => i.Name == "cost per leaver").Source.Origin.Should().Be(InputOrigin.Assumed);
        // Hand: 2,500 + 4,000 + 13 weeks x 38 h x 34 x 0.35 (the assumed output loss) = 6,500 + 5,878.60 = 12,378.60.
        inputs.Single(i => i.Name == "cost per leaver").Point.Should().BeApproximately(12_378.60, 0.005);
    }

    [Fact]
    public void Programme_AReductionAboveTheMeasuredAttrition_IsUnavailableWithTheReason()
    {
        double upper = Analysis.AgentAttrition.Value.AnnualRate.Interval!.Value.Upper;
        var options = Analysis.Options with { Programme = Analysis.Options.Programme with { AttritionReduction = (upper + 0.01, upper + 0.005, upper + 0.02) } };
        var analysis = ContactCenterAnalysis.Create(Analysis.Data, Analysis.Window, options);

        analysis.ServiceProgramme.Reason.Should().Contain("more than the measured agent attrition allows");
    }
}
