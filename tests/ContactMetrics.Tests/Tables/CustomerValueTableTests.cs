using ContactMetrics.Domain;
using ContactMetrics.Tables;

namespace ContactMetrics.Tests.Tables;

public class CustomerValueTableTests
{
    private static Money Eur(decimal amount) => new(amount, Currency.Eur);

    [Fact]
    public void Create_Columns_KeepsOrderAndSumsTotalAndMean()
    {
        var table = CustomerValueTable.Create([new CustomerId("a"), new CustomerId("b"), new CustomerId("c")], [Eur(10m), Eur(20m), Eur(60m)], Currency.Eur, "given");

        table.CustomerIds.Select(c => c.Value).Should().Equal("a", "b", "c");
        // 10 + 20 + 60 = 90; 90 / 3 = 30.
        table.Total.Should().Be(Eur(90m));
        table.Mean.Should().Be(Eur(30m));
        table.TryGetValue(new CustomerId("b"), out var b).Should().BeTrue();
        b.Should().Be(Eur(20m));
        table.TryGetValue(new CustomerId("z"), out _).Should().BeFalse();
    }

    [Fact]
    public void Create_CustomerTwice_ThrowsNamingTheCustomer()
    {
        var act = () => CustomerValueTable.Create([new CustomerId("a"), new CustomerId("a")], [Eur(1m), Eur(2m)], Currency.Eur, "given");

        act.Should().Throw<ArgumentException>().WithMessage("customer 'a' appears twice*").And.ParamName.Should().Be("customerIds");
    }

    [Fact]
    public void Create_ValueInAnotherCurrency_ThrowsNamingTheCustomer()
    {
        var act = () => CustomerValueTable.Create([new CustomerId("a")], [new Money(1m, Currency.Usd)], Currency.Eur, "given");

        act.Should().Throw<ArgumentException>().WithMessage("customer 'a': the value 1 USD is in USD but the table is in EUR*");
    }

    [Fact]
    public void Create_ColumnsOfDifferentLengths_Throws()
    {
        var act = () => CustomerValueTable.Create([new CustomerId("a")], [], Currency.Eur, "given");

        act.Should().Throw<ArgumentException>().And.ParamName.Should().Be("values");
    }

    [Fact]
    public void Mean_EmptyTable_Throws()
    {
        var table = CustomerValueTable.Create(new Dictionary<CustomerId, Money>(), Currency.Eur, "nobody");

        table.Total.Should().Be(Eur(0m));
        var act = () => table.Mean;
        act.Should().Throw<InvalidOperationException>();
    }
}
