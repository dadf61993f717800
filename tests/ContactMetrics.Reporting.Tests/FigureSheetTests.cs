using System.Text.Json;
using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Reporting.Tests;

public class FigureSheetTests(ReportData data) : IClassFixture<ReportData>
{
    [Fact]
    public void ToJson_Values_FollowTheJsonConventions()
    {
        var sheet = new FigureSheet();
        sheet.Add("top", "Top").Fact("share", "Share", new Fraction(0.25)).Fact("undefined", "Undefined", double.NaN)
            .Fact("cost", "Cost", new Money(12.5m, Currency.Eur)).Fact("wait", "Wait", Duration.FromMinutes(2)).Fact("day", "Day", new LocalDate(2025, 3, 1));
        sheet.Add("a", "A", group: "analysis").SetTable("rows", new FigureColumn("n", "N")).Row(1).Row(2);
        sheet.Add("b", "B", group: "analysis", jsonOnly: true).Fact("x", "X", 3);

        var root = JsonDocument.Parse(sheet.ToJson()).RootElement;

        // Every document says which shape it has, first.
        root.EnumerateObject().First().Name.Should().Be("schemaVersion");
        root.GetProperty("schemaVersion").GetInt32().Should().Be(1);
        var top = root.GetProperty("top");
        top.GetProperty("share").GetDouble().Should().Be(0.25, "shares are fractions");
        top.GetProperty("undefined").ValueKind.Should().Be(JsonValueKind.Null, "DESIGN.md: no NaN in output, null in JSON");
        top.GetProperty("cost").GetProperty("amount").GetDecimal().Should().Be(12.5m);
        top.GetProperty("cost").GetProperty("currency").GetString().Should().Be("EUR");
        top.GetProperty("wait").GetDouble().Should().Be(120, "durations are seconds");
        top.GetProperty("day").GetString().Should().Be("2025-03-01");
        // Consecutive sections of a group nest under it, JSON-only ones included.
        root.GetProperty("analysis").GetProperty("a").GetProperty("rows").GetArrayLength().Should().Be(2);
        root.GetProperty("analysis").GetProperty("b").GetProperty("x").GetInt32().Should().Be(3);
        sheet.PrimaryTable!.JsonName.Should().Be("rows");
        var badRow = () => sheet.Sections[1].Table!.Row(1, 2);
        badRow.Should().Throw<ArgumentException>().WithParameterName("values");
    }

    [Fact]
    public void AnalysisFigures_Of_HoldsTheAnalysisFiguresUnderAnalysis()
    {
        var analysis = data.Inputs.Analysis(data.Center.Options.TimeZone, data.Center.End);

        var root = JsonDocument.Parse(AnalysisFigures.Of(analysis).ToJson()).RootElement.GetProperty(AnalysisFigures.Group);

        root.GetProperty("overview").GetProperty("contacts").GetInt32().Should().Be(data.Center.Interactions.Count);
        root.GetProperty("clv").GetProperty("valuePerCustomer").GetProperty("amount").GetDecimal().Should().Be(analysis.Clv.Value.ValuePerCustomer.Amount);
        root.GetProperty("businessCase").GetProperty("total").GetProperty("amount").GetDecimal().Should().Be(analysis.FcrBusinessCase.Value.Total.Point.Amount);
        root.GetProperty("retentionCurves").GetProperty("points").GetArrayLength().Should().Be(2 + analysis.Retention.Value.Resolved.Rows.Length + analysis.Retention.Value.Unresolved.Rows.Length);
    }
}
