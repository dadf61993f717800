using ContactMetrics.Domain;

namespace ContactMetrics.Tests.Domain;

public class CurrencyTests
{
    [Theory]
    [InlineData("EUR", "EUR")]
    [InlineData("usd", "USD")]
    [InlineData("Chf", "CHF")]
    public void Of_ThreeLetters_UpperCases(string code, string expected)
    {
        Currency.Of(code).Code.Should().Be(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("EU")]
    [InlineData("EURO")]
    [InlineData("E1R")]
    [InlineData(" EU")]
    [InlineData("€")]
    public void Of_NotThreeLetters_ThrowsNamingCode(string code)
    {
        var act = () => Currency.Of(code);
        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "code" && e.Message.Contains($"'{code}'"));
    }

    [Fact]
    public void Equality_IsByCode()
    {
        Currency.Of("eur").Should().Be(Currency.Eur);
        Currency.Of("GBP").Should().Be(Currency.Gbp);
        Currency.Of("GBP").GetHashCode().Should().Be(Currency.Gbp.GetHashCode());
        Currency.Eur.Should().NotBe(Currency.Usd);
    }
}
