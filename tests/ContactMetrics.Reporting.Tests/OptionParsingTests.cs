using ContactMetrics.Clv;
using ContactMetrics.CostToServe;
using ContactMetrics.Domain;
using ContactMetrics.Kpis;
using ContactMetrics.Numerics;
using ContactMetrics.Retention;
using ContactMetrics.Tables;
using NodaTime;

namespace ContactMetrics.Reporting.Tests;

/// <summary>
/// The option values people type (<see cref="OptionParsing"/> and the figure builders' name tables), and the layouts that
/// moved out of the CLI (#12 item 4: <see cref="ClvFigures"/>, <see cref="AnalysisSummary"/>, <see cref="UpliftFigures.AddValue"/>).
/// Expected values are hand computations from the inputs.
/// </summary>
public class OptionParsingTests(ReportData data) : IClassFixture<ReportData>
{
    [Theory]
    [InlineData("20s", 20)]
    [InlineData("1.5m", 90)]
    [InlineData("2h", 7200)]
    [InlineData("7d", 604800)]
    [InlineData("500ms", 0.5)]
    [InlineData(" 5M ", 300)]
    [InlineData("0", 0)]
    public void ParseDuration_NumberWithUnit_IsThatManySeconds(string text, double seconds) =>
        OptionParsing.ParseDuration("--x", text).TotalSeconds.Should().Be(seconds);

    [Theory]
    [InlineData("365", "--horizon: '365' has no unit; write e.g. 365d for days (365s, 365m, 365h and 365ms also work).")]
    [InlineData("-5s", "--horizon: '-5s' is not a duration; use e.g. 20s, 5m, 1h or 7d.")]
    [InlineData("soon", "--horizon: 'soon' is not a duration; use e.g. 20s, 5m, 1h or 7d.")]
    public void ParseDuration_NoUnitOrNotANumber_NamesTheOptionValueAndFix(string text, string message) =>
        FluentActions.Invoking(() => OptionParsing.ParseDuration("--horizon", text)).Should().Throw<OptionValueException>().WithMessage(message);

    [Fact]
    public void ParsePositiveDuration_Zero_IsAnError() =>
        FluentActions.Invoking(() => OptionParsing.ParsePositiveDuration("--lookback", "0d")).Should().Throw<OptionValueException>()
            .WithMessage("--lookback must be positive; was '0d'.");

    [Theory]
    [InlineData("80/20", 0.8, 20)]
    [InlineData("0.9/15s", 0.9, 15)]
    [InlineData("80%/1m", 0.8, 60)]
    public void ParseServiceLevelTarget_PercentSlashSeconds_IsTheShareAndThreshold(string text, double level, double seconds)
    {
        var (serviceLevel, threshold) = OptionParsing.ParseServiceLevelTarget("--target", text);

        serviceLevel.Should().Be(level);
        threshold.Should().Be(Duration.FromSeconds(seconds));
    }

    [Theory]
    [InlineData("80", "--target: '80' is not PERCENT/SECONDS, e.g. 80/20.")]
    [InlineData("100/20", "--target: the service level must be between 0 and 100%; was '100'.")]
    [InlineData("80/0", "--target: the threshold must be positive; was '0'.")]
    public void ParseServiceLevelTarget_Invalid_NamesTheOption(string text, string message) =>
        FluentActions.Invoking(() => OptionParsing.ParseServiceLevelTarget("--target", text)).Should().Throw<OptionValueException>().WithMessage(message);

    [Fact]
    public void ParseOtherValues_ReadOrNameTheFix()
    {
        OptionParsing.ParseDate("--as-of", "2025-03-01").Should().Be(new LocalDate(2025, 3, 1));
        OptionParsing.ParseCurrency("--currency", "usd").Should().Be(Currency.Usd);
        OptionParsing.ParseTimeZone("--time-zone", "Europe/Amsterdam").Id.Should().Be("Europe/Amsterdam");
        OptionParsing.ParseList(" a, ,b ").Should().Equal("a", "b");
        OptionParsing.ParseList(null).Should().BeEmpty();
        OptionParsing.ParseLevel("--confidence", 0.9).Should().Be(0.9);
        OptionParsing.ParseNumbers("--times", "10, 2.5,0", "a time").Should().Equal(10, 2.5, 0);
        FluentActions.Invoking(() => OptionParsing.ParseNumbers("--survivors", "10,-1", "a count of at least 0")).Should().Throw<OptionValueException>()
            .WithMessage("--survivors: '-1' is not a count of at least 0.");
        FluentActions.Invoking(() => OptionParsing.ParseDate("--as-of", "01/03/2025")).Should().Throw<OptionValueException>()
            .WithMessage("--as-of: '01/03/2025' is not a date (yyyy-MM-dd).");
        FluentActions.Invoking(() => OptionParsing.ParseTimeZone("--time-zone", "CET+1")).Should().Throw<OptionValueException>()
            .WithMessage("--time-zone: unknown time zone 'CET+1'; use an IANA name such as Europe/Amsterdam or UTC.");
        FluentActions.Invoking(() => OptionParsing.ParseLevel("--confidence", 95)).Should().Throw<OptionValueException>()
            .WithMessage("--confidence: a confidence level must be between 0 and 1 (e.g. 0.95); was 95.");
        FluentActions.Invoking(() => OptionParsing.ParseName("--csat", "top3", KpiFigures.CsatBoxNames, "box")).Should().Throw<OptionValueException>()
            .WithMessage("--csat: unknown box 'top3'; use top-2-box, top-box.");
    }

    [Fact]
    public void NameTables_ParseTheNamesTheCliTakes()
    {
        KpiFigures.ParseDimensions("channel, Queue").Should().Be(KpiDimensions.Channel | KpiDimensions.Queue);
        KpiFigures.ParseDimensions(null).Should().Be(KpiDimensions.None);
        KpiFigures.ParseBucket("30M").Should().Be(TimeBucket.Minutes30);
        KpiFigures.ParseBucket(null).Should().Be(TimeBucket.None);
        FluentActions.Invoking(() => KpiFigures.ParseDimensions("channel,site")).Should().Throw<OptionValueException>()
            .WithMessage("--by: unknown dimension 'site'; use any of agent,channel,direction,queue,reason,segment.");
        FluentActions.Invoking(() => KpiFigures.ParseBucket("2h")).Should().Throw<OptionValueException>()
            .WithMessage("--bucket: unknown size '2h'; use 15m, 30m, 1h, day, week or month.");
        AttributionFigures.ParsePosition(null).Should().Be((0.4, 0.4));
        AttributionFigures.ParsePosition("0.3,0.5").Should().Be((0.3, 0.5));
        FluentActions.Invoking(() => AttributionFigures.ParsePosition("0.6,0.6")).Should().Throw<OptionValueException>()
            .WithMessage("--position: use two shares FIRST,LAST, each at least 0, together more than 0 and at most 1 (e.g. 0.4,0.4); was '0.6,0.6'.");
        CostFigures.DimensionNames["Reason"].Should().Be(CostDimension.Reason);
        ClvFigures.PeriodNames["month"].Should().Be(RfmPeriodUnit.Month);
    }

    [Fact]
    public void ParseHandleTime_AListOfComponents_TheirUnionOrTheOptionNamed()
    {
        KpiFigures.ParseHandleTime("talk,hold,acw").Should().Be(HandleTimeComponents.Talk | HandleTimeComponents.Hold | HandleTimeComponents.AfterCallWork);
        KpiFigures.ParseHandleTime(" ACW , talk ").Should().Be(HandleTimeComponents.Talk | HandleTimeComponents.AfterCallWork);
        FluentActions.Invoking(() => KpiFigures.ParseHandleTime(" , ")).Should().Throw<OptionValueException>()
            .WithMessage("--aht needs at least one of talk,hold,acw.");
        FluentActions.Invoking(() => KpiFigures.ParseHandleTime("talk,wrap")).Should().Throw<OptionValueException>()
            .WithMessage("--aht: unknown component 'wrap'; use talk, hold, acw.");
    }

    [Fact]
    public void ParseRfmOptions_DatesPeriodAndZone_TheSummarysOptions()
    {
        var amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

        var options = ClvFigures.ParseRfmOptions("1997-09-30", "1998-06-30", "Week", amsterdam);

        options.CalibrationEnd.Should().Be(new LocalDate(1997, 9, 30));
        options.HoldoutEnd.Should().Be(new LocalDate(1998, 6, 30));
        options.Period.Should().Be(RfmPeriodUnit.Week);
        options.TimeZone.Should().Be(amsterdam);
        ClvFigures.ParseRfmOptions("1997-09-30", null, "day", DateTimeZone.Utc).HoldoutEnd.Should().BeNull();
        FluentActions.Invoking(() => ClvFigures.ParseRfmOptions("1997-09-30", "1997-09-30", "week", DateTimeZone.Utc)).Should().Throw<OptionValueException>()
            .WithMessage("--holdout-end: 1997-09-30 must be after --calibration-end 1997-09-30.");
        FluentActions.Invoking(() => ClvFigures.ParseRfmOptions("1997-09-30", null, "year", DateTimeZone.Utc)).Should().Throw<OptionValueException>()
            .WithMessage("--period: unknown period 'year'; use day, week, month.");
        FluentActions.Invoking(() => ClvFigures.ParseRfmOptions("30/09/1997", null, "week", DateTimeZone.Utc)).Should().Throw<OptionValueException>()
            .WithMessage("--calibration-end*30/09/1997*");
    }

    [Fact]
    public void UpliftFigures_AddValue_LabelsTheIntervalByItsLevel()
    {
        // Hand computation: difference 0.05 [0.02, 0.08] at 90% x 1,000 customers = 50 kept [20, 80]; x 10 EUR = 500 EUR [200, 800].
        var difference = new RetentionDifference(0.05, 0.0182, new ConfidenceInterval(0.02, 0.08, 0.9, "normal"), 2000);
        var value = RetentionUpliftValue.Of(difference, 1000, new Money(10m, Currency.Eur), "given");
        var section = new FigureSheet().Add("value", "Value");

        UpliftFigures.AddValue(section, value, "Customers affected");

        var facts = section.Facts.ToDictionary(f => f.JsonName);
        facts["customersKeptLower"].Label.Should().Be("Customers kept, 90% lower");
        ((People)facts["customersKeptLower"].Value!).Value.Should().BeApproximately(20, 1e-9);
        ((People)facts["customersKeptUpper"].Value!).Value.Should().BeApproximately(80, 1e-9);
        facts["valueUpper"].Label.Should().Be("Value, 90% upper");
        ((Money)facts["value"].Value!).Amount.Should().Be(500m);
        facts["formula"].Value.Should().Be(value.Formula);
    }

    [Fact]
    public void AnalysisSummary_IsTheAnalysisFiguresOnOneScreen()
    {
        var analysis = data.Inputs.Analysis(data.Center.Options.TimeZone, data.Center.End);
        var sheet = new FigureSheet();

        AnalysisSummary.Add(sheet, analysis);

        sheet.Sections.Select(s => s.Key).Should().Equal("businessCase", "businessCaseProgramme", "businessCaseExperience", "customerProfitability");
        var fcr = sheet.Sections[0];
        if (analysis.FcrBusinessCase.TryGetValue(out var fcrCase))
        {
            fcr.Facts.Single(f => f.JsonName == "headline").Value.Should().Be(AnalysisFigures.Headline(analysis.FcrCaseName, fcrCase));
            fcr.Table!.Rows.Should().HaveCount(fcrCase.Lines.Length, "one row per line of the case");
        }
        else
        {
            fcr.Note.Should().Be("Unavailable: " + analysis.FcrBusinessCase.Reason);
        }
    }

    [Fact]
    public void ClvFigures_Fit_ShowsTheEstimatesAndDiagnostics()
    {
        var estimates = new[] { new ParameterEstimate("r", 0.243, 0.0126, 2357), new ParameterEstimate("alpha", 4.414, 0.3, 2357) };
        var diagnostics = new FitDiagnostics(true, 31, -9582.4, 1e-7, "BFGS", "converged");

        var sheet = ClvFigures.Fit("bg-nbd", estimates, -9582.4, diagnostics, 2357, RfmPeriodUnit.Week, "2,357 customers.");

        var section = sheet.Sections.Single();
        section.Note.Should().Be("2,357 customers.");
        section.Facts.Single(f => f.JsonName == "period").Value.Should().Be("week");
        section.Facts.Single(f => f.JsonName == "converged").Value.Should().Be(true);
        section.Table!.Rows.Select(r => r[0]).Should().Equal("r", "alpha");
    }
}
