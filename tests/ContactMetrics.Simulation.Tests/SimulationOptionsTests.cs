using ContactMetrics.Domain;
using ContactMetrics.Simulation;
using NodaTime;

namespace ContactMetrics.Simulation.Tests;

public sealed class SimulationOptionsTests
{
    [Fact]
    public void Constructor_NothingSet_HasDocumentedDefaults()
    {
        var options = new SimulationOptions();

        options.Seed.Should().Be(1);
        options.Customers.Should().Be(100_000);
        options.Start.Should().Be(new LocalDate(2024, 1, 1));
        options.DurationDays.Should().Be(730);
        options.TimeZone.Id.Should().Be("Europe/Amsterdam");
        options.Currency.Should().Be(Currency.Eur);
        options.InitialCustomerShare.Should().Be(0.3);
        options.Segments.Select(s => s.Name).Should().Equal("consumer", "smb", "enterprise");
        options.Segments.Sum(s => s.Share).Should().BeApproximately(1.0, 1e-12);
        options.Contacts.Channels.Select(c => c.Channel).Should().Equal(Channel.Phone, Channel.Email, Channel.Chat, Channel.Messaging, Channel.SelfService);
        options.Contacts.Reasons.Select(r => r.Name).Should().Equal("billing", "technical", "order", "account", "complaint");
        options.Churn.Enabled.Should().BeTrue();
        options.Churn.UnresolvedHazardRatio.Should().Be(1.8);
        options.Marketing.ServiceLift.Should().Be(1.5);
    }

    [Fact]
    public void Purchases_Defaults_AreTheCdnowEstimates()
    {
        // Fader, Hardie & Lee (2005), Marketing Science 24(2): BG/NBD on CDNOW, r = 0.243,
        // alpha = 4.414, a = 0.793, b = 2.426; and JMR 42(4): Gamma-Gamma p = 6.25, q = 3.74, gamma = 15.44.
        var options = new SimulationOptions();

        options.Purchases.Should().BeEquivalentTo(new { R = 0.243, Alpha = 4.414, A = 0.793, B = 2.426 });
        options.Spend.Should().BeEquivalentTo(new { P = 6.25, Q = 3.74, Gamma = 15.44 });
        options.Spend.MeanAmount.Should().BeApproximately(6.25 * 15.44 / 2.74, 1e-9);
    }

    [Fact]
    public void Period_DefaultOptions_StartsAndEndsAtLocalMidnight()
    {
        var options = new SimulationOptions();

        // Amsterdam is UTC+1 in winter: 2024-01-01T00:00+01:00 and, 730 days later, 2025-12-31T00:00+01:00.
        options.StartInstant.Should().Be(Instant.FromUtc(2023, 12, 31, 23, 0));
        options.EndDate.Should().Be(new LocalDate(2025, 12, 31));
        options.EndInstant.Should().Be(Instant.FromUtc(2025, 12, 30, 23, 0));
    }

    public static TheoryData<Action, string> InvalidValues() => new()
    {
        { () => _ = new SimulationOptions { Customers = 0 }, "Customers" },
        { () => _ = new SimulationOptions { DurationDays = 0 }, "DurationDays" },
        { () => _ = new SimulationOptions { InitialCustomerShare = 1.5 }, "InitialCustomerShare" },
        { () => _ = new SimulationOptions { InitialCustomerShare = double.NaN }, "InitialCustomerShare" },
        { () => _ = new SimulationOptions { TimeZone = null! }, "TimeZone" },
        { () => _ = new SimulationOptions { Currency = default }, "Currency" },
        { () => _ = new SimulationOptions { Start = new LocalDate(2024, 1, 1, CalendarSystem.Julian) }, "Start" },
        { () => _ = new SimulationOptions { Purchases = null! }, "Purchases" },
        { () => _ = new SimulationOptions { Churn = null! }, "Churn" },
        { () => _ = new SimulationOptions { Segments = [new SegmentOptions("a", 0.5, 1, 0.1)] }, "Segments" },
        { () => _ = new SimulationOptions { Segments = [new SegmentOptions("a", 0.5, 1, 0.1), new SegmentOptions("a", 0.5, 1, 0.1)] }, "Segments" },
        { () => _ = new SimulationOptions { Segments = [] }, "Segments" },
        { () => _ = new SegmentOptions(" a", 1, 1, 0.1), "Name" },
        { () => _ = new SegmentOptions("a", 1, -1, 0.1), "ContactsPerYear" },
        { () => _ = new SegmentOptions("a", 1, 1, double.PositiveInfinity), "AnnualChurnHazard" },
        { () => _ = new PurchaseOptions { R = 0 }, "R" },
        { () => _ = new PurchaseOptions { Alpha = -1 }, "Alpha" },
        { () => _ = new PurchaseOptions { A = double.NaN }, "A" },
        { () => _ = new PurchaseOptions { B = 0 }, "B" },
        { () => _ = new SpendOptions { P = 0 }, "P" },
        { () => _ = new SpendOptions { Q = -2 }, "Q" },
        { () => _ = new SpendOptions { Gamma = 0 }, "Gamma" },
        { () => _ = new ChurnOptions { UnresolvedHazardRatio = 0 }, "UnresolvedHazardRatio" },
        { () => _ = new ContactOptions { RepeatProbability = -0.1 }, "RepeatProbability" },
        { () => _ = new ContactOptions { RateShape = 0 }, "RateShape" },
        { () => _ = new ContactOptions { MaxRepeats = -1 }, "MaxRepeats" },
        { () => _ = new ContactOptions { RepeatDelayMean = Duration.Zero }, "RepeatDelayMean" },
        { () => _ = new ContactOptions { HourWeights = new double[23] }, "HourWeights" },
        { () => _ = new ContactOptions { HourWeights = new double[24] }, "HourWeights" },
        { () => _ = new ContactOptions { WeekdayWeights = [1, 1, 1, 1, 1, -1, 1] }, "WeekdayWeights" },
        { () => _ = new ContactOptions { Reasons = [new ReasonOptions("x", 0.9, 1)] }, "Reasons" },
        { () => _ = new ContactOptions { Channels = [new ChannelOptions(Channel.Phone, 0.5), new ChannelOptions(Channel.Phone, 0.5)] }, "Channels" },
        { () => _ = new ChannelOptions((Channel)99, 1), "Channel" },
        { () => _ = new ChannelOptions(Channel.Phone, 1) { Concurrency = 0 }, "Concurrency" },
        { () => _ = new ChannelOptions(Channel.Phone, 1) { MeanPatience = Duration.Zero }, "MeanPatience" },
        { () => _ = new ChannelOptions(Channel.Phone, 1) { TalkMedian = Duration.FromSeconds(-1) }, "TalkMedian" },
        { () => _ = new ChannelOptions(Channel.Phone, 1) { ResolutionProbability = 1.01 }, "ResolutionProbability" },
        { () => _ = new ReasonOptions("x", 1, -0.5), "ResolutionFactor" },
        { () => _ = new StaffingOptions { ServiceLevel = 1 }, "ServiceLevel" },
        { () => _ = new StaffingOptions { MaxOccupancy = 0 }, "MaxOccupancy" },
        { () => _ = new StaffingOptions { DayDeviation = 0.95 }, "DayDeviation" },
        { () => _ = new AgentOptions { AnnualAttrition = -0.1 }, "AnnualAttrition" },
        { () => _ = new AgentOptions { NewHireHandleTimeFactor = 0.9 }, "NewHireHandleTimeFactor" },
        { () => _ = new ChannelOptions(Channel.Phone, 1) { OpenDaysPerWeek = 0 }, "OpenDaysPerWeek" },
        { () => _ = new ContactOptions { Channels = [new ChannelOptions(Channel.Phone, 1) { Opens = 20, Closes = 8 }] }, "Channels" },
        { () => _ = new StaffingOptions { MinimumAgents = 0 }, "MinimumAgents" },
        { () => _ = new SurveyOptions { ResponseRate = 2 }, "ResponseRate" },
        { () => _ = new SurveyOptions { CsatBase = double.NaN }, "CsatBase" },
        { () => _ = new SurveyOptions { NoiseSd = -1 }, "NoiseSd" },
        { () => _ = new SurveyOptions { WaitCap = Duration.FromSeconds(-1) }, "WaitCap" },
        { () => _ = new MarketingOptions { TouchesPerWeek = -1 }, "TouchesPerWeek" },
        { () => _ = new MarketingOptions { ServiceLift = 0 }, "ServiceLift" },
        { () => _ = new MarketingOptions { ServiceWindow = Duration.FromDays(-1) }, "ServiceWindow" },
        { () => _ = new MarketingOptions { TouchChannels = null! }, "TouchChannels" },
        { () => _ = new TouchChannelOptions("x", 1, 0), "ConversionLift" },
        { () => _ = new ChannelOptions(Channel.Ivr, 1) { ContainmentFailure = 1.5 }, "ContainmentFailure" },
        { () => _ = new ChannelOptions(Channel.Ivr, 1) { ContainmentFailure = double.NaN }, "ContainmentFailure" },
        // An IVR whose failures go on to a channel that is not simulated.
        { () => _ = new ContactOptions { Channels = [new ChannelOptions(Channel.Phone, 0.9), new ChannelOptions(Channel.Ivr, 0.1) { ContainmentFailure = 0.3, EscalatesTo = Channel.Chat }] }, "Channels" },
        // ... or to another self-service channel.
        { () => _ = new ContactOptions { Channels = [new ChannelOptions(Channel.Phone, 0.8), new ChannelOptions(Channel.Chatbot, 0.1), new ChannelOptions(Channel.Ivr, 0.1) { ContainmentFailure = 0.3, EscalatesTo = Channel.Chatbot }] }, "Channels" },
        { () => _ = new OutboundOptions { TargetOccupancy = 0 }, "TargetOccupancy" },
        { () => _ = new OutboundOptions { TargetOccupancy = 1.01 }, "TargetOccupancy" },
        { () => _ = new OutboundOptions { ReserveAgents = -1 }, "ReserveAgents" },
        { () => _ = new OutboundOptions { Reason = " " }, "Reason" },
        { () => _ = new OutboundOptions { TalkMedian = Duration.Zero }, "TalkMedian" },
        { () => _ = new OutboundOptions { AfterCallWorkSigma = -0.1 }, "AfterCallWorkSigma" },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void Init_InvalidValue_ThrowsNamingTheProperty(Action create, string property)
    {
        create.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(property);
    }

    [Fact]
    public void Segments_SourceListChangedAfterwards_OptionsKeepTheirCopy()
    {
        var segments = new List<SegmentOptions> { new("only", 1.0, 2, 0.1) };
        var options = new SimulationOptions { Segments = segments };

        segments[0] = new SegmentOptions("other", 1.0, 5, 0.5);

        options.Segments.Single().Name.Should().Be("only");
    }

    [Fact]
    public void With_ChangedValue_ValidatesAndLeavesOriginal()
    {
        var original = new PurchaseOptions();

        var changed = original with { R = 0.5 };
        var invalid = () => original with { R = -1 };

        changed.R.Should().Be(0.5);
        original.R.Should().Be(0.243);
        invalid.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("R");
    }

    [Fact]
    public void ResolutionProbability_ChannelAndReason_IsProductCappedAtOne()
    {
        var contacts = new ContactOptions
        {
            Channels = [new ChannelOptions(Channel.Phone, 1) { ResolutionProbability = 0.8 }],
            Reasons = [new ReasonOptions("easy", 0.5, 1.5), new ReasonOptions("hard", 0.5, 0.5)],
        };

        contacts.ResolutionProbability(Channel.Phone, "hard").Should().BeApproximately(0.4, 1e-12);
        contacts.ResolutionProbability(Channel.Phone, "easy").Should().Be(1.0);
        contacts.Invoking(c => c.ResolutionProbability(Channel.Email, "easy")).Should().Throw<ArgumentException>().WithParameterName("channel");
        contacts.Invoking(c => c.ResolutionProbability(Channel.Phone, "other")).Should().Throw<ArgumentException>().WithParameterName("reason");
    }

    [Fact]
    public void MeanHandleTime_Campaign_IsSumOfLognormalMeans()
    {
        // Talk median 240 s, sigma 0.6; after-contact work median 45 s, sigma 0.5 (OutboundOptions defaults):
        // 240 exp(0.18) + 45 exp(0.125) = 338.3238 s (python: 240*math.exp(0.18)+45*math.exp(0.125)).
        new OutboundOptions().MeanHandleTime.TotalSeconds.Should().BeApproximately(338.32384753724165, 1e-9);
    }

    [Fact]
    public void MeanHandleTime_Phone_IsSumOfLognormalMeans()
    {
        var phone = new ChannelOptions(Channel.Phone, 1)
        {
            TalkMedian = Duration.FromSeconds(300), TalkSigma = 0.6, TransferProbability = 0.1,
            HoldProbability = 0.5, HoldMedian = Duration.FromSeconds(60), HoldSigma = 0.0,
            AfterCallWorkMedian = Duration.FromSeconds(30), AfterCallWorkSigma = 0.0,
        };

        // Lognormal mean = median * exp(sigma^2 / 2): 300 e^0.18 (1 + 0.1) + 0.5 * 60 + 30.
        double expected = (300 * Math.Exp(0.18) * 1.1) + 30 + 30;
        phone.MeanHandleTime.TotalSeconds.Should().BeApproximately(expected, 1e-6);
        // A self-service channel (Domain's ChannelTraits) has no agent handle time.
        (phone with { Channel = Channel.SelfService }).MeanHandleTime.Should().Be(Duration.Zero);
    }

    [Fact]
    public void GetSegment_UnknownName_Throws()
    {
        var options = new SimulationOptions();

        options.GetSegment("smb").ContactsPerYear.Should().Be(6.5);
        options.Invoking(o => o.GetSegment("nope")).Should().Throw<ArgumentException>().WithParameterName("segment");
    }
}
