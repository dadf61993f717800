using ContactMetrics.Domain;

namespace ContactMetrics.Tests.Domain;

public class MoneyTests
{
    private static readonly Currency Eur = Currency.Eur;
    private static readonly Currency Usd = Currency.Usd;

    [Fact]
    public void Add_SameCurrency_SumsExactly()
    {
        // 0.1 + 0.2 is exactly 0.3 in decimal (it is not in double).
        (new Money(0.1m, Eur) + new Money(0.2m, Eur)).Should().Be(new Money(0.3m, Eur));
    }

    [Fact]
    public void Add_DifferentCurrencies_Throws()
    {
        var act = () => new Money(1m, Eur) + new Money(1m, Usd);
        act.Should().Throw<CurrencyMismatchException>().WithMessage("*EUR*USD*")
            .Which.Right.Should().Be(Usd);
    }

    [Fact]
    public void Subtract_DifferentCurrencies_Throws()
    {
        var act = () => new Money(1m, Eur) - new Money(1m, Usd);
        act.Should().Throw<CurrencyMismatchException>();
    }

    [Fact]
    public void Compare_DifferentCurrencies_Throws()
    {
        var act = () => new Money(1m, Eur) < new Money(2m, Usd);
        act.Should().Throw<CurrencyMismatchException>();
    }

    [Fact]
    public void Compare_SameCurrency_OrdersByAmount()
    {
        (new Money(1m, Eur) < new Money(2m, Eur)).Should().BeTrue();
        (new Money(2m, Eur) >= new Money(2m, Eur)).Should().BeTrue();
        (new Money(3m, Eur) <= new Money(2m, Eur)).Should().BeFalse();
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(1e30)]
    public void FromDouble_NotRepresentable_ThrowsNamingAmount(double amount)
    {
        var act = () => Money.FromDouble(amount, Eur);
        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("amount");
    }

    [Fact]
    public void FromDouble_Finite_Converts()
    {
        Money.FromDouble(12.5, Eur).Should().Be(new Money(12.5m, Eur));
    }

    [Fact]
    public void FromMinorUnits_Cents_ConvertsToMajorUnits()
    {
        Money.FromMinorUnits(1250, Eur).Should().Be(new Money(12.50m, Eur));
    }

    [Fact]
    public void Sum_MixedCurrencies_Throws()
    {
        var act = () => Money.Sum([new Money(1m, Eur), new Money(1m, Usd)]);
        act.Should().Throw<CurrencyMismatchException>();
    }

    [Fact]
    public void Sum_Empty_WithCurrency_IsZero()
    {
        Money.Sum([], Eur).Should().Be(Money.Zero(Eur));
    }

    [Fact]
    public void Sum_Empty_WithoutCurrency_Throws()
    {
        var act = () => Money.Sum([]);
        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("amounts");
    }

    [Fact]
    public void Multiply_And_Divide_KeepCurrency()
    {
        (new Money(10m, Usd) * 3m).Should().Be(new Money(30m, Usd));
        (2m * new Money(10m, Usd)).Should().Be(new Money(20m, Usd));
        (new Money(10m, Usd) / 4m).Should().Be(new Money(2.5m, Usd));
        (-new Money(10m, Usd)).Should().Be(new Money(-10m, Usd));
    }

    [Fact]
    public void ToString_IsCultureInvariant()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("nl-NL");
            new Money(1234.5m, Eur).ToString().Should().Be("1234.5 EUR");
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Default_IsZeroInNoCurrency()
    {
        default(Money).Amount.Should().Be(0m);
        default(Money).Currency.Code.Should().Be("XXX");
        default(Money).Currency.Should().NotBe(Eur);
    }
}
