using OxyPlot;

namespace ContactMetrics.Reporting;

/// <summary>
/// One chart of a board report (<see cref="BoardReport.Charts"/>): what it is (<see cref="Id"/>, <see cref="Title"/>), the
/// sentence that says what it shows (<see cref="Finding"/>), and its drawing as SVG. Immutable: each export draws
/// a fresh plot, so a chart can be exported any number of times, from any thread.
/// </summary>
/// <remarks>
/// There is no PNG export: OxyPlot's raster exporters need SkiaSharp (native assets) or ImageSharp (under a "split"
/// licence), and no permissively licensed managed rasterizer was found. Browsers, notebooks and document tools take the
/// SVG, and a browser prints the HTML page to PDF.
/// </remarks>
public sealed class ReportChart
{
    private readonly Func<PlotModel> _model;

    internal ReportChart(string id, string title, string finding, double width, double height, Func<PlotModel> model)
    {
        Id = id;
        Title = title;
        Finding = finding;
        Width = width;
        Height = height;
        _model = model;
    }

    /// <summary>The chart's id in the HTML page (the <c>id</c> of its <c>&lt;svg&gt;</c>), e.g. <c>chart-retention</c>; a good file name.</summary>
    public string Id { get; }

    /// <summary>The title, as the page's heading above the chart.</summary>
    public string Title { get; }

    /// <summary>What the chart shows, in a sentence or two computed from the data (e.g. "FCR fell from 88% in Jan 24 to 84% in Dec 25.").</summary>
    public string Finding { get; }

    /// <summary>The width in SVG user units (CSS pixels).</summary>
    public double Width { get; }

    /// <summary>The height in SVG user units (CSS pixels).</summary>
    public double Height { get; }

    /// <summary>
    /// The chart as a standalone SVG document: well-formed XML in the SVG namespace, with a <c>viewBox</c> (it scales to
    /// its container) and <see cref="Title"/> as its <c>&lt;title&gt;</c>. Text is in Helvetica and its metric twins
    /// (Arial, Liberation Sans); nothing outside the document is referenced.
    /// </summary>
    /// <returns>The SVG text.</returns>
    /// <exception cref="InvalidOperationException">The chart could not be drawn (the message names it).</exception>
    public string ToSvg() => ReportCharts.ToSvgDocument(_model(), Title, Width, Height);

    /// <summary>The chart as an inline <c>&lt;svg&gt;</c> element of the HTML page (<see cref="ReportCharts.ToSvg"/>).</summary>
    internal string ToInlineSvg() => ReportCharts.ToSvg(_model(), Id, Title, Width, Height);

    /// <summary>The id and title.</summary>
    /// <returns>"chart-fcr: First-contact resolution and CSAT".</returns>
    public override string ToString() => $"{Id}: {Title}";
}
