using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Tests.Domain;

public class CustomerTests
{
    private static readonly LocalDate Acquired = new(2024, 1, 31);

    [Fact]
    public void Constructor_ChurnedBeforeAcquired_ThrowsNamingFieldAndId()
    {
        var act = () => new Customer(new CustomerId("C1"), Acquired, Acquired.PlusDays(-1));
        var e = act.Should().Throw<InvalidRecordException>().Which;
        e.Field.Should().Be("churned_on");
        e.Value.Should().Be("2024-01-30");
        e.RecordId.Should().Be("C1");
    }

    [Fact]
    public void Constructor_ChurnedOnAcquisitionDay_IsAccepted()
    {
        new Customer(new CustomerId("C1"), Acquired, Acquired).ChurnedOn.Should().Be(Acquired);
    }

    [Fact]
    public void Constructor_StillActive_HasNoChurnDate()
    {
        var c = new Customer(new CustomerId("C1"), Acquired, segment: "smb");
        c.ChurnedOn.Should().BeNull();
        c.Segment.Should().Be("smb");
    }

    [Fact]
    public void Constructor_BlankSegment_Throws()
    {
        var act = () => new Customer(new CustomerId("C1"), Acquired, segment: " ");
        act.Should().Throw<InvalidRecordException>().Which.Field.Should().Be("segment");
    }

    [Fact]
    public void Constructor_DefaultId_Throws()
    {
        var act = () => new Customer(default, Acquired);
        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("id");
    }
}

public class PurchaseTests
{
    private static readonly Instant At = Instant.FromUtc(2025, 3, 1, 10, 0);

    [Fact]
    public void Constructor_NegativeAmount_Throws()
    {
        var act = () => new Purchase(new CustomerId("C1"), At, new Money(-0.01m, Currency.Eur));
        var e = act.Should().Throw<InvalidRecordException>().Which;
        e.Field.Should().Be("amount");
        e.RecordId.Should().Contain("C1").And.Contain("2025-03-01T10:00:00Z");
    }

    [Fact]
    public void Constructor_ZeroAmount_IsAccepted()
    {
        new Purchase(new CustomerId("C1"), At, Money.Zero(Currency.Eur)).Amount.Amount.Should().Be(0m);
    }

    [Fact]
    public void Constructor_DefaultCustomer_Throws()
    {
        var act = () => new Purchase(default, At, Money.Zero(Currency.Eur));
        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("customerId");
    }
}

public class TouchpointTests
{
    private static readonly Instant At = Instant.FromUtc(2025, 3, 1, 10, 0);

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("paid_search ")]
    public void Constructor_BlankChannel_Throws(string channel)
    {
        var act = () => new Touchpoint(new CustomerId("C1"), At, channel);
        act.Should().Throw<InvalidRecordException>().Which.Field.Should().Be("channel");
    }

    [Fact]
    public void Constructor_FreeTextChannel_IsKept()
    {
        new Touchpoint(new CustomerId("C1"), At, "service:phone").Channel.Should().Be("service:phone");
    }
}

public class ConversionTests
{
    private static readonly Instant At = Instant.FromUtc(2025, 3, 1, 10, 0);

    [Fact]
    public void Constructor_NegativeValue_Throws()
    {
        var act = () => new Conversion(new CustomerId("C1"), At, new Money(-5m, Currency.Usd));
        act.Should().Throw<InvalidRecordException>().Which.Field.Should().Be("value");
    }

    [Fact]
    public void Constructor_Valid_KeepsFields()
    {
        var c = new Conversion(new CustomerId("C1"), At, new Money(99.5m, Currency.Usd));
        c.Value.Should().Be(new Money(99.5m, Currency.Usd));
        c.OccurredAt.Should().Be(At);
    }
}
