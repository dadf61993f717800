using ContactMetrics.Kpis;
using NodaTime;

namespace ContactMetrics.Tests.Kpis;

public class ServiceLevelTests
{
    // REFERENCES.md "Service level: the formulas differ" (ICMI; Call Centre Helper): 1,000 answered,
    // 860 within the threshold; 60 abandoned, 20 within and 40 after it; 10 short abandons.
    private static readonly ServiceLevelCounts Fixture = new(Answered: 1000, AnsweredWithin: 860, Abandoned: 60, AbandonedWithin: 20, ShortAbandons: 10);

    private static readonly Duration Twenty = Duration.FromSeconds(20);

    [Theory]
    [InlineData(ServiceLevelFormula.AnsweredOrAbandonedWithinOverOffered, 880, 1060, 0.830)] // F1 83.0%
    [InlineData(ServiceLevelFormula.AnsweredWithinOverAnswered, 860, 1000, 0.860)] // F2 86.0%
    [InlineData(ServiceLevelFormula.AnsweredWithinOverOffered, 860, 1060, 0.811)] // F3 81.1%
    [InlineData(ServiceLevelFormula.AnsweredWithinOverAnsweredAndLateAbandons, 860, 1040, 0.827)] // F4 82.7%
    [InlineData(ServiceLevelFormula.AnsweredWithinOrShortAbandonOverOffered, 870, 1060, 0.821)] // F5 82.1%
    public void Compute_ReferenceFixture_MatchesPublishedValue(ServiceLevelFormula formula, long numerator, long denominator, double published)
    {
        var result = ServiceLevel.Compute(Fixture, new ServiceLevelDefinition(formula, Twenty));

        result.Numerator.Should().Be(numerator);
        result.Denominator.Should().Be(denominator);
        result.Value!.Value.Should().BeApproximately(published, 0.0005, "REFERENCES.md prints it to 0.1%");
        result.Interval!.Value.Contains(result.Value.Value).Should().BeTrue();
    }

    [Fact]
    public void Compute_GenesysDefault_IsAnsweredWithinOverOffered()
    {
        // Genesys Cloud: (answered - answered late) / (answered + abandoned) = 860 / 1060 without the switches.
        var result = ServiceLevel.Compute(Fixture, new ServiceLevelDefinition(ServiceLevelFormula.Genesys, Twenty));
        result.Numerator.Should().Be(860);
        result.Denominator.Should().Be(1060);
    }

    [Fact]
    public void Compute_GenesysSwitches_AddFlowOutsAndRemoveShortAbandons()
    {
        // 860 / (1000 + 60 + 15 flow-outs - 10 short abandons) = 860 / 1065, by hand.
        var counts = Fixture with { FlowOuts = 15 };
        var result = ServiceLevel.Compute(counts, new ServiceLevelDefinition(ServiceLevelFormula.Genesys, Twenty, includeFlowOuts: true, excludeShortAbandons: true));
        result.Denominator.Should().Be(1065);
        result.Definition.Should().Contain("flow-outs").And.Contain("abandoned within 5 s");
    }

    [Fact]
    public void Compute_AmazonConnect_CountsCallbacksRemovedWithin()
    {
        // (860 + 20 + 4 callbacks within) / (1000 + 60 + 0 flow-outs + 5 callbacks) = 884 / 1065, by hand.
        var counts = Fixture with { Callbacks = 5, CallbacksWithin = 4 };
        var result = ServiceLevel.Compute(counts, new ServiceLevelDefinition(ServiceLevelFormula.AmazonConnect, Twenty));
        result.Numerator.Should().Be(884);
        result.Denominator.Should().Be(1065);
    }

    [Fact]
    public void Compute_NoContacts_HasNoValueRatherThanNaN()
    {
        var result = ServiceLevel.Compute(default, new ServiceLevelDefinition(ServiceLevelFormula.AnsweredWithinOverAnswered, Twenty));
        result.Value.Should().BeNull();
        result.Interval.Should().BeNull();
        result.Denominator.Should().Be(0);
    }

    [Fact]
    public void Compute_InconsistentCounts_ThrowsNamingTheCount()
    {
        var act = () => ServiceLevel.Compute(Fixture with { AnsweredWithin = 1001 }, new ServiceLevelDefinition(ServiceLevelFormula.AnsweredWithinOverAnswered, Twenty));
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("AnsweredWithin");
    }

    [Fact]
    public void Definition_NonPositiveThreshold_Throws()
    {
        var act = () => new ServiceLevelDefinition(ServiceLevelFormula.AnsweredWithinOverOffered, Duration.Zero);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("threshold");
    }

    [Fact]
    public void Describe_StatesFormulaAndThreshold()
    {
        new ServiceLevelDefinition(ServiceLevelFormula.AnsweredWithinOverAnswered, Twenty).Describe()
            .Should().Be("F2: answered within 20 s / answered");
    }

    [Fact]
    public void Counts_Merge_EqualsCountsOfTheWhole()
    {
        var a = new ServiceLevelCounts(600, 500, 40, 15, 6, 3, 2, 1);
        var b = new ServiceLevelCounts(400, 360, 20, 5, 4, 1, 3, 3);
        (a + b).Should().Be(new ServiceLevelCounts(1000, 860, 60, 20, 10, 4, 5, 4));
    }
}
