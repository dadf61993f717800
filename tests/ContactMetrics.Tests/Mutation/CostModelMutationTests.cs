using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using static ContactMetrics.Tests.CostToServe.CostFixtures;

namespace ContactMetrics.Tests.Mutation;

/// <summary>
/// The edges of the cost model's checks (ChannelRates, OverheadPool, CostModel), added where Stryker.NET's boundary and
/// negation mutants survived (issue #14 item 9, docs/testing.md). Ranges as the XML docs state them.
/// </summary>
public class CostModelMutationTests
{
    [Fact]
    public void ChannelRates_RangeEndsThatAreAllowed_AreAccepted()
    {
        // shrinkage in [0, 1), occupancy in (0, 1], concurrency in [1, infinity), amounts in [0, 1e12].
        var rates = new ChannelRates(Channel.Email, Eur(1_000_000_000_000m), 0, 1, 1, Eur(0m), Eur(1_000_000_000_000m));

        rates.Shrinkage.Should().Be(0);
        rates.Occupancy.Should().Be(1);
        rates.Concurrency.Should().Be(1);
        // 1e12 / ((1 - 0) x 1 x 1): nothing to gross up.
        rates.AgentCostPerHandledHour.Should().Be(Eur(1_000_000_000_000m));
        rates.IvrPerMinute.Should().Be(Eur(1_000_000_000_000m));
        rates.PlatformPerContact.Should().Be(Eur(0m));
        rates.BotPerContact.Should().Be(Eur(0m));
        rates.Currency.Should().Be(Currency.Eur);
    }

    [Theory]
    [InlineData(0.999999, 1.0, 1.0, null)]
    [InlineData(0.3, 1e-9, 1.0, null)]
    [InlineData(0.3, 1.0000001, 1.0, "occupancy")]
    [InlineData(0.3, double.NaN, 1.0, "occupancy")]
    [InlineData(0.3, 0.8, 0.9999999, "concurrency")]
    [InlineData(0.3, 0.8, double.PositiveInfinity, "concurrency")]
    [InlineData(0.3, 0.8, double.NaN, "concurrency")]
    [InlineData(0.3, 0.8, 1e6, null)]
    public void ChannelRates_FractionsAtTheirEnds_AcceptedOrRejectedAsDocumented(double shrinkage, double occupancy, double concurrency, string? rejected)
    {
        var act = () => new ChannelRates(Channel.Chat, Eur(30m), shrinkage, occupancy, concurrency);

        if (rejected is null)
        {
            act.Should().NotThrow();
        }
        else
        {
            act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(rejected);
        }
    }

    [Theory]
    [InlineData("loadedCostPerPaidHour")]
    [InlineData("telephonyPerMinute")]
    [InlineData("ivrPerMinute")]
    [InlineData("platformPerContact")]
    [InlineData("botPerContact")]
    public void ChannelRates_AmountAboveTheLimit_ThrowsNamingTheField(string field)
    {
        var tooMuch = Eur(1_000_000_000_000.01m);
        var act = () => new ChannelRates(Channel.Phone, field == "loadedCostPerPaidHour" ? tooMuch : Eur(30m), 0.3, 0.8,
            telephonyPerMinute: field == "telephonyPerMinute" ? tooMuch : null,
            ivrPerMinute: field == "ivrPerMinute" ? tooMuch : null,
            platformPerContact: field == "platformPerContact" ? tooMuch : null,
            botPerContact: field == "botPerContact" ? tooMuch : null);

        act.Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage($"phone: {field} must be between 0 and 1000000000000; was 1000000000000.01.*").Which.ParamName.Should().Be(field);
    }

    [Fact]
    public void ChannelRates_PerMillisecondRates_AreThePerHourAndPerMinuteRatesInMicros()
    {
        // CostFixtures' phone: 30 / (0.75 x 0.8) = 50 EUR per handled hour = 50e6 micros / 3.6e6 ms = 13.888...;
        // telephony 0.01 EUR/min = 1e4 micros / 6e4 ms = 1/6; IVR 0.02 EUR/min = 1/3.
        var phone = SmallModel().RatesOf(Channel.Phone)!;

        phone.AgentCostPerHandledHour.Should().Be(Eur(50m));
        phone.AgentMicrosPerMillisecond.Should().BeApproximately(125.0 / 9, 1e-12);
        phone.TelephonyMicrosPerMillisecond.Should().BeApproximately(1.0 / 6, 1e-15);
        phone.IvrMicrosPerMillisecond.Should().BeApproximately(1.0 / 3, 1e-15);
    }

    [Fact]
    public void OverheadPool_ChannelsDistinctAndOrdered_CoversOnlyThem()
    {
        var pool = new OverheadPool("team", Eur(5m), OverheadBasis.Contacts, [Channel.Chat, Channel.Phone, Channel.Chat]);

        pool.Channels.Should().Equal(Channel.Phone, Channel.Chat);
        pool.Covers(Channel.Phone).Should().BeTrue();
        pool.Covers(Channel.Email).Should().BeFalse();
        new OverheadPool("all", Eur(5m), OverheadBasis.HandleTime).Covers(Channel.Email).Should().BeTrue();
        new OverheadPool("max", Eur(1_000_000_000_000m), OverheadBasis.HandleTime).Amount.Should().Be(Eur(1_000_000_000_000m));
    }

    [Fact]
    public void OverheadPool_InvalidArguments_ThrowNamingTheArgument()
    {
        var blank = () => new OverheadPool(" ", Eur(5m), OverheadBasis.Contacts);
        var tooMuch = () => new OverheadPool("rent", Eur(1_000_000_000_000.01m), OverheadBasis.Contacts);
        var basis = () => new OverheadPool("rent", Eur(5m), (OverheadBasis)7);
        var channel = () => new OverheadPool("rent", Eur(5m), OverheadBasis.Contacts, [(Channel)42]);

        blank.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("name");
        tooMuch.Should().Throw<ArgumentOutOfRangeException>().WithMessage("overhead 'rent': amount must be between 0 and 1000000000000; was 1000000000000.01.*");
        basis.Should().Throw<ArgumentOutOfRangeException>().WithMessage("overhead 'rent': not a defined allocation basis.*").Which.ParamName.Should().Be("basis");
        channel.Should().Throw<ArgumentOutOfRangeException>().WithMessage("overhead 'rent': not a defined channel.*").Which.ParamName.Should().Be("channels");
    }

    [Fact]
    public void CostModel_Overheads_CheckedForCurrencyAndNames()
    {
        var usd = () => SmallModel(new OverheadPool("rent", new Money(5m, Currency.Usd), OverheadBasis.Contacts));
        var twice = () => SmallModel(new OverheadPool("rent", Eur(5m), OverheadBasis.Contacts), new OverheadPool("rent", Eur(6m), OverheadBasis.HandleTime));
        var nullPool = () => SmallModel(new OverheadPool[] { null! });
        var nullRates = () => new CostModel(Currency.Eur, [null!]);

        usd.Should().Throw<ArgumentException>().WithMessage("overhead 'rent': the amount is in USD but the cost model is in EUR*").Which.ParamName.Should().Be("overheads");
        twice.Should().Throw<ArgumentException>().WithMessage("overhead 'rent' appears twice.*").Which.ParamName.Should().Be("overheads");
        nullPool.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("overheads");
        nullRates.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("channels");
    }

    [Fact]
    public void CostModel_Channels_InChannelOrderAndLookedUpByChannel()
    {
        var model = SmallModel();

        model.Channels.Select(r => r.Channel).Should().Equal(Channel.Phone, Channel.Chat, Channel.Chatbot);
        model.RatesOf(Channel.Email).Should().BeNull();
        model.RatesOf((Channel)99).Should().BeNull();
        model.RatesOf(Channel.Chat)!.Concurrency.Should().Be(2);
        model.Currency.Should().Be(Currency.Eur);
        model.Overheads.Should().BeEmpty();
    }
}
