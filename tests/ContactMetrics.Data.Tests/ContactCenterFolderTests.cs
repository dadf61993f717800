using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using ContactMetrics.Valuation;

namespace ContactMetrics.Data.Tests;

public class ContactCenterFolderTests
{
    /// <summary>The sample tables with their money in EUR (the samples mix currencies on purpose; a folder has one).</summary>
    private static ContactCenterData Tables() =>
        ContactCenterData.Create(Samples.Customers(), Samples.Interactions(), Samples.Purchases().Where(p => p.Amount.Currency == Currency.Eur),
            Samples.Touchpoints(), Samples.Conversions().Where(c => c.Value.Currency == Currency.Eur));

    private static CostModel Rates(Currency currency) =>
        new(currency, [.. ChannelNames.All.Select(c => new ChannelRates(c, new Money(30m, currency), 0.3, 0.8))]);

    [Fact]
    public void WriteThenRead_GivesBackEveryTableAndTheRates()
    {
        using var dir = new TempDirectory();
        var data = Tables();

        var written = ContactCenterFolder.Write(dir.Path, data, Rates(data.Currency), "test rates");
        var folder = ContactCenterFolder.Read(dir.Path);

        written.Select(w => w.Table).Should().Equal("customers", "interactions", "purchases", "touchpoints", "conversions", "rates");
        folder.Data.Customers.Should().BeEquivalentTo(data.Customers, o => o.WithStrictOrdering());
        folder.Data.Interactions.ToInteractions().Should().BeEquivalentTo(data.Interactions.ToInteractions(), o => o.WithStrictOrdering());
        folder.Data.Purchases.ToPurchases().Should().BeEquivalentTo(data.Purchases.ToPurchases(), o => o.WithStrictOrdering());
        folder.Data.Touchpoints.ToTouchpoints().Should().BeEquivalentTo(data.Touchpoints.ToTouchpoints(), o => o.WithStrictOrdering());
        folder.Data.Conversions.Should().BeEquivalentTo(data.Conversions, o => o.WithStrictOrdering());
        folder.Rates!.Channels.Should().HaveCount(ChannelNames.All.Count);
        folder.RatesPath.Should().Be(dir.File(ContactCenterFolder.RatesFileName));
        // Rows read = accepted + rejected for every table file, none rejected.
        folder.Reports.Should().HaveCount(5).And.OnlyContain(r => r.Value.RowsRead == r.Value.RowsAccepted && r.Value.RowsRejected == 0);
    }

    [Fact]
    public void WriteRows_SequencesEnumeratedOnce_GivesTheFolderOfTheTables()
    {
        using var streamed = new TempDirectory();
        using var held = new TempDirectory();
        var data = Tables();
        var rates = Rates(data.Currency);

        // Each table is a sequence that can be walked once (a simulation's streamed rows): written as it comes, counted as written.
        var written = ContactCenterFolder.WriteRows(streamed.Path, Once(data.Customers), Once(data.Interactions.ToInteractions()), Once(data.Purchases.ToPurchases()),
            Once(data.Touchpoints.ToTouchpoints()), Once(data.Conversions), rates, "test rates");
        var expected = ContactCenterFolder.Write(held.Path, data, rates, "test rates");

        written.Select(w => (w.Table, System.IO.Path.GetFileName(w.Path), w.Rows)).Should().Equal(expected.Select(w => (w.Table, System.IO.Path.GetFileName(w.Path), w.Rows)));
        written.Select(w => w.Rows).Should().Equal(data.Customers.Length, data.Interactions.Count, data.Purchases.Count, data.Touchpoints.Count, data.Conversions.Length, ChannelNames.All.Count);
        foreach (var (_, path, _) in written)
        {
            File.ReadAllBytes(path).Should().Equal(File.ReadAllBytes(System.IO.Path.Combine(held.Path, System.IO.Path.GetFileName(path))));
        }
    }

    private static IEnumerable<T> Once<T>(IEnumerable<T> rows)
    {
        bool walked = false;
        return Walk();

        IEnumerable<T> Walk()
        {
            walked = walked ? throw new InvalidOperationException("The sequence was enumerated twice.") : true;
            foreach (var row in rows)
            {
                yield return row;
            }
        }
    }

    [Fact]
    public void Read_WithoutRatesFile_HasNoRates()
    {
        using var dir = new TempDirectory();
        ContactCenterFolder.Write(dir.Path, Tables());

        var folder = ContactCenterFolder.Read(dir.Path);

        folder.Rates.Should().BeNull();
        folder.RatesPath.Should().BeNull();
    }

    [Fact]
    public void Read_MissingTables_NamesEveryMissingFile()
    {
        using var dir = new TempDirectory();
        ContactCenterFolder.Write(dir.Path, Tables());
        File.Delete(dir.File("purchases.csv"));
        File.Delete(dir.File("conversions.csv"));

        var act = () => ContactCenterFolder.Read(dir.Path);

        act.Should().Throw<FileNotFoundException>().Where(e => e.Message.Contains(dir.File("purchases.csv")) && e.Message.Contains(dir.File("conversions.csv")));
    }

    [Fact]
    public void Read_MissingFolder_ThrowsNamingIt()
    {
        var act = () => ContactCenterFolder.Read("/no/such/folder");

        act.Should().Throw<DirectoryNotFoundException>().WithMessage("*'/no/such/folder'*");
    }

    [Fact]
    public void Read_RatesInAnotherCurrency_ThrowsCurrencyMismatch()
    {
        using var dir = new TempDirectory();
        var data = Tables();
        ContactCenterFolder.Write(dir.Path, data, Rates(Currency.Usd));

        var act = () => ContactCenterFolder.Read(dir.Path);

        data.Currency.Should().Be(Currency.Eur, "the tables' money is in EUR");
        act.Should().Throw<CurrencyMismatchException>();
    }

    [Fact]
    public void Read_Collect_CountsTheBadRowAndKeepsTheRest()
    {
        using var dir = new TempDirectory();
        ContactCenterFolder.Write(dir.Path, Tables());
        File.AppendAllText(dir.File("customers.csv"), "C-bad,consumer,not-a-date,\n");

        var folder = ContactCenterFolder.Read(dir.Path, options: Samples.Collect);

        var report = folder.Reports[dir.File("customers.csv")];
        report.RowsRejected.Should().Be(1);
        report.RowsRead.Should().Be(report.RowsAccepted + report.RowsRejected);
        folder.Data.Customers.Should().HaveCount(Samples.Customers().Count);
    }

    [Fact]
    public void RatesFileOf_GivenWins_ThenTheFoldersOwn_ElseNone()
    {
        using var dir = new TempDirectory();
        string own = System.IO.Path.Combine(dir.Path, ContactCenterFolder.RatesFileName);

        ContactCenterFolder.RatesFileOf(dir.Path, null).Should().BeNull("the folder has no rates.json yet");
        File.WriteAllText(own, "{}");
        ContactCenterFolder.RatesFileOf(dir.Path, null).Should().Be(own);
        ContactCenterFolder.RatesFileOf(dir.Path, "elsewhere.json").Should().Be("elsewhere.json", "a rates file the caller gives is read even when the folder has its own");
    }
}
