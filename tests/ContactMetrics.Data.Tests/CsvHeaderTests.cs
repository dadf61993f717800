namespace ContactMetrics.Data.Tests;

/// <summary>File-level problems of CSV files: they stop reading whatever the mode.</summary>
public sealed class CsvHeaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void OpenInteractions_MissingRequiredColumn_ThrowsNamingTheColumnAndHeaderLine()
    {
        string path = _dir.WriteText("i.csv", "interaction_id,channel,ended_at\ni-1,phone,2025-03-01T09:20:00Z\n");

        var act = () => Tables.OpenInteractions(path, Samples.Collect);

        var e = act.Should().Throw<TableFormatException>().Which;
        e.Reason.Should().Contain("arrived_at").And.NotContain("ended_at,", "only missing columns are listed before the columns found");
        e.Line.Should().Be(1);
        e.File.Should().Be(path);
        e.Message.Should().StartWith($"{path}, line 1: lacks the required interactions column arrived_at");
    }

    [Fact]
    public void OpenInteractions_DuplicateSchemaColumn_ThrowsNamingBothColumns()
    {
        string path = _dir.WriteText("i.csv", "interaction_id,channel,arrived_at,ended_at,Channel\n");

        var act = () => Tables.OpenInteractions(path, Samples.Collect);

        var e = act.Should().Throw<TableFormatException>().Which;
        e.Column.Should().Be(5);
        e.ColumnName.Should().Be("Channel");
        e.Reason.Should().Contain("column 2");
    }

    [Fact]
    public void OpenInteractions_DuplicateUnknownColumn_IsOnlyANote()
    {
        string path = _dir.WriteText("i.csv", "interaction_id,channel,arrived_at,ended_at,x,X\ni-1,chat,2025-03-01T09:15:00Z,2025-03-01T09:16:00Z,1,2\n");

        var (rows, report) = Tables.ReadAllInteractions(path);

        rows.Should().ContainSingle();
        report.Notes.Should().ContainSingle().Which.Should().Contain("5 'x'").And.Contain("6 'X' (also column 5)");
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public void OpenCustomers_EmptyFile_ThrowsSayingItIsEmpty(string text)
    {
        string path = _dir.WriteText("c.csv", text);

        var act = () => Tables.OpenCustomers(path);

        act.Should().Throw<TableFormatException>().Which.Reason.Should().StartWith("is empty").And.Contain("customer_id");
    }

    [Fact]
    public void OpenCustomers_OnlyAByteOrderMark_ThrowsSayingItIsEmpty()
    {
        string path = _dir.WriteText("c.csv", "", byteOrderMark: true);

        var act = () => Tables.OpenCustomers(path);

        act.Should().Throw<TableFormatException>().Which.Reason.Should().StartWith("is empty");
    }

    [Fact]
    public void OpenCustomers_HeaderOnly_ReadsNoRowsAndCompletes()
    {
        string path = _dir.WriteText("c.csv", "customer_id,segment,acquired_on,churned_on\r\n");

        var (rows, report) = Tables.ReadAllCustomers(path);

        rows.Should().BeEmpty();
        report.RowsRead.Should().Be(0);
        report.IsComplete.Should().BeTrue();
        report.IsValid.Should().BeTrue();
    }

    [Fact]
    public void OpenCustomers_ByteOrderMark_ReadsFirstColumnByName()
    {
        string path = _dir.WriteText("c.csv", "customer_id,acquired_on\nc-1,2024-01-01\n", byteOrderMark: true);

        var (rows, report) = Tables.ReadAllCustomers(path);

        rows.Should().ContainSingle().Which.Id.Value.Should().Be("c-1");
        report.Notes.Should().BeEmpty("the BOM is not part of the first column's name");
    }

    [Fact]
    public void OpenTouchpoints_SemicolonSeparated_ThrowsWithAHint()
    {
        string path = _dir.WriteText("t.csv", "customer_id;occurred_at;channel\nc-1;2025-01-01T00:00:00Z;seo\n");

        var act = () => Tables.OpenTouchpoints(path);

        act.Should().Throw<TableFormatException>().Which.Reason.Should().Contain("looks separated by ';'").And.Contain("TableReadOptions.Delimiter");
    }

    [Fact]
    public void OpenInteractions_HeaderCaseSpacesAndOrderDiffer_ReadsColumnsByName()
    {
        string path = _dir.WriteText("i.csv", " ENDED_AT ,Arrived_At,Channel,Interaction_ID\n2025-03-01T09:20:00Z,2025-03-01T09:15:00Z,EMAIL,i-1\n");

        var (rows, _) = Tables.ReadAllInteractions(path);

        var row = rows.Should().ContainSingle().Which;
        row.Channel.Should().Be(Domain.Channel.Email);
        (row.EndedAt - row.ArrivedAt).Should().Be(NodaTime.Duration.FromMinutes(5));
    }

    [Fact]
    public void OpenPurchases_NoCurrencyColumnAndNoDefault_ThrowsPointingAtTheOption()
    {
        string path = _dir.WriteText("p.csv", "customer_id,occurred_at,amount\nc-1,2025-01-01T00:00:00Z,10\n");

        var act = () => Tables.OpenPurchases(path);

        act.Should().Throw<TableFormatException>().Which.Reason.Should().Contain("currency").And.Contain("DefaultCurrency");
    }

    [Fact]
    public void OpenPurchases_NoCurrencyColumnWithDefault_UsesTheDefault()
    {
        string path = _dir.WriteText("p.csv", "customer_id,occurred_at,amount\nc-1,2025-01-01T00:00:00Z,10.25\n");

        var (rows, _) = Tables.ReadAllPurchases(path, new TableReadOptions { DefaultCurrency = Domain.Currency.Gbp });

        rows.Should().ContainSingle().Which.Amount.Should().Be(new Domain.Money(10.25m, Domain.Currency.Gbp));
    }

    [Fact]
    public void OpenConversions_EmptyCurrencyCell_UsesTheDefaultOrRejectsWithoutOne()
    {
        string text = "customer_id,occurred_at,value,currency\nc-1,2025-01-01T00:00:00Z,10,\nc-2,2025-01-01T00:00:00Z,5,usd\n";
        string path = _dir.WriteText("v.csv", text);

        var (withDefault, _) = Tables.ReadAllConversions(path, new TableReadOptions { DefaultCurrency = Domain.Currency.Eur });
        var (without, report) = Tables.ReadAllConversions(path, Samples.Collect);

        withDefault.Select(c => c.Value.Currency.Code).Should().Equal("EUR", "USD");
        without.Should().ContainSingle().Which.CustomerId.Value.Should().Be("c-2");
        report.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Line = 2L, Column = 4, ColumnName = "currency", Value = (string?)null, Reason = "is required" });
    }

    [Fact]
    public void OpenInteractions_Twice_SecondEnumerationThrows()
    {
        string path = _dir.WriteText("i.csv", "interaction_id,channel,arrived_at,ended_at\n");
        using var reader = Tables.OpenInteractions(path);
        _ = reader.ToList();

        var act = () => reader.ToList();

        act.Should().Throw<InvalidOperationException>();
    }
}
