using System.Globalization;
using System.Text.RegularExpressions;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace ContactMetrics.Reporting;

/// <summary>
/// The report's charts as OxyPlot models, exported to inline SVG by OxyPlot's managed <see cref="SvgExporter"/> (text is
/// measured with OxyPlot's built-in PDF font metrics, so no system font or native library is needed).
/// </summary>
internal static partial class ReportCharts
{
    /// <summary>The default chart width in SVG user units.</summary>
    public const double Width = 720;

    /// <summary>The default chart height in SVG user units.</summary>
    public const double Height = 300;

    /// <summary>Okabe-Ito colours: distinguishable with colour-blindness and in greyscale print.</summary>
    private static readonly OxyColor[] Palette =
    [
        OxyColor.FromRgb(0, 114, 178), OxyColor.FromRgb(230, 159, 0), OxyColor.FromRgb(0, 158, 115), OxyColor.FromRgb(204, 121, 167),
        OxyColor.FromRgb(86, 180, 233), OxyColor.FromRgb(213, 94, 0), OxyColor.FromRgb(240, 228, 66), OxyColor.FromRgb(0, 0, 0),
    ];

    private static readonly LineStyle[] Dashes = [LineStyle.Solid, LineStyle.Dash, LineStyle.Dot, LineStyle.DashDot, LineStyle.Solid, LineStyle.Dash, LineStyle.Dot, LineStyle.DashDot];

    /// <summary>A plot with the report's font, white background and a legend under the plot area.</summary>
    public static PlotModel NewModel(bool legend = true)
    {
        var model = new PlotModel
        {
            Background = OxyColors.White,
            DefaultFont = "Helvetica",
            DefaultFontSize = 12,
            Culture = CultureInfo.InvariantCulture,
            PlotAreaBorderColor = OxyColor.FromRgb(160, 160, 160),
            PlotAreaBorderThickness = new OxyThickness(0, 0, 0, 0),
            Padding = new OxyThickness(8, 8, 16, 8),
        };
        model.DefaultColors = Palette;
        if (legend)
        {
            model.Legends.Add(new Legend
            {
                LegendPosition = LegendPosition.BottomCenter,
                LegendPlacement = LegendPlacement.Outside,
                LegendOrientation = LegendOrientation.Horizontal,
                LegendBorderThickness = 0,
            });
        }
        return model;
    }

    /// <summary>One line per series over the buckets (x = bucket index, labelled with the bucket's month or day).</summary>
    /// <param name="bucketLabels">The label of each bucket.</param>
    /// <param name="series">The lines; each drawn under its <see cref="HtmlReport.ChannelLabel"/>.</param>
    /// <param name="valueFormat">The value axis format.</param>
    /// <param name="yTitle">The value axis title.</param>
    /// <param name="min">The value axis minimum, or null to fit the data.</param>
    /// <param name="max">The value axis maximum, or null to fit the data.</param>
    /// <param name="target">A horizontal target line (value, label), e.g. the service-level goal; null for none.</param>
    public static PlotModel Lines(IReadOnlyList<string> bucketLabels, IReadOnlyList<KpiSeries> series, string valueFormat, string yTitle, double? min = null, double? max = null,
        (double Value, string Label)? target = null)
    {
        var model = NewModel(series.Count > 1);
        int step = Math.Max(1, (int)Math.Ceiling(bucketLabels.Count / 12.0));
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Bottom,
            Minimum = -0.5,
            Maximum = bucketLabels.Count - 0.5,
            MajorStep = step,
            MinorStep = 1,
            LabelFormatter = x => Math.Abs(x - Math.Round(x)) < 1e-9 && Math.Round(x) >= 0 && Math.Round(x) < bucketLabels.Count ? bucketLabels[(int)Math.Round(x)] : "",
            MajorGridlineStyle = LineStyle.None,
        });
        model.Axes.Add(ValueAxis(valueFormat, yTitle, min, max));
        // Many buckets (a daily line over years) are thinned to HtmlReport.MaxLinePoints and drawn without a marker per point.
        var drawn = HtmlReport.LinePoints(bucketLabels.Count);
        bool markers = drawn.Count <= 60;
        for (int s = 0; s < series.Count; s++)
        {
            var line = new LineSeries
            {
                Title = HtmlReport.ChannelLabel(series[s].Name),
                Color = Palette[s % Palette.Length],
                LineStyle = Dashes[s % Dashes.Length],
                StrokeThickness = 2,
                MarkerType = markers ? MarkerType.Circle : MarkerType.None,
                MarkerSize = 2.5,
            };
            foreach (int k in drawn)
            {
                line.Points.Add(k < series[s].Values.Length && series[s].Values[k] is double v ? new DataPoint(k, v) : DataPoint.Undefined);
            }
            model.Series.Add(line);
        }
        if (target is (double goal, string label))
        {
            model.Annotations.Add(DashedLine(OxyPlot.Annotations.LineAnnotationType.Horizontal, goal, label));
        }
        return model;
    }

    /// <summary>
    /// Step curves (Kaplan-Meier survival) from (time, value) steps, each with its pointwise confidence band shaded
    /// behind it in the curve's colour when the curve has one.
    /// </summary>
    public static PlotModel Steps(IReadOnlyList<(string Name, IReadOnlyList<SurvivalStep> Steps)> curves, string xTitle, string valueFormat, string yTitle, double? markX = null)
    {
        var model = NewModel();
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = xTitle, Minimum = 0, MajorGridlineStyle = LineStyle.None });
        model.Axes.Add(ValueAxis(valueFormat, yTitle, null, 1));
        for (int c = 0; c < curves.Count; c++)
        {
            var colour = Palette[c % Palette.Length];
            var steps = curves[c].Steps;
            var band = new AreaSeries
            {
                Color = OxyColors.Transparent,
                Fill = OxyColor.FromAColor(56, colour),
                StrokeThickness = 0,
                RenderInLegend = false,
            };
            for (int k = 0; k < steps.Count; k++)
            {
                // A step function: each band level holds until the next step's time.
                double end = k + 1 < steps.Count ? steps[k + 1].Time : steps[k].Time;
                band.Points.Add(new DataPoint(steps[k].Time, steps[k].High));
                band.Points.Add(new DataPoint(end, steps[k].High));
                band.Points2.Add(new DataPoint(steps[k].Time, steps[k].Low));
                band.Points2.Add(new DataPoint(end, steps[k].Low));
            }
            model.Series.Add(band);
        }
        for (int c = 0; c < curves.Count; c++)
        {
            var series = new StairStepSeries { Title = curves[c].Name, Color = Palette[c % Palette.Length], LineStyle = Dashes[c % Dashes.Length], StrokeThickness = 2, VerticalStrokeThickness = 2 };
            series.Points.AddRange(curves[c].Steps.Select(step => new DataPoint(step.Time, step.Survival)));
            model.Series.Add(series);
        }
        if (markX is double x)
        {
            model.Annotations.Add(new OxyPlot.Annotations.LineAnnotation
            {
                Type = OxyPlot.Annotations.LineAnnotationType.Vertical,
                X = x,
                Color = OxyColor.FromRgb(120, 120, 120),
                LineStyle = LineStyle.Dot,
                Text = x.ToString("0", CultureInfo.InvariantCulture) + " days",
                TextColor = OxyColor.FromRgb(80, 80, 80),
            });
        }
        return model;
    }

    /// <summary>One curve through (x, y) points, with a dotted zero line when any value is not zero (so the curve is read against zero, as the whale curve is).</summary>
    public static PlotModel Curve(string name, IReadOnlyList<DataPoint> points, string xFormat, string xTitle, string yFormat, string yTitle)
    {
        var model = NewModel(false);
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = xTitle, StringFormat = xFormat, Minimum = 0, Maximum = points.Count > 0 ? points.Max(p => p.X) : 1, MajorGridlineStyle = LineStyle.None });
        model.Axes.Add(ValueAxis(yFormat, yTitle, null, null));
        var line = new LineSeries { Title = name, Color = Palette[0], StrokeThickness = 2.5 };
        line.Points.AddRange(points);
        model.Series.Add(line);
        if (points.Any(p => p.Y < 0) || points.Any(p => p.Y > 0))
        {
            model.Annotations.Add(new OxyPlot.Annotations.LineAnnotation { Type = OxyPlot.Annotations.LineAnnotationType.Horizontal, Y = 0, Color = OxyColor.FromRgb(120, 120, 120), LineStyle = LineStyle.Dot });
        }
        return model;
    }

    /// <summary>A floating horizontal bar per category (start to end), with an optional P10-P90 whisker and a reference line.</summary>
    /// <param name="categories">Top to bottom.</param>
    /// <param name="bars">Each category's bar: start, end, and whether it is a total (drawn in another colour).</param>
    /// <param name="whiskers">Each category's range (low, high) or null.</param>
    /// <param name="valueFormat">The value axis format.</param>
    /// <param name="valueTitle">The value axis title.</param>
    /// <param name="reference">A vertical reference line (value, label), or null.</param>
    public static PlotModel FloatingBars(IReadOnlyList<string> categories, IReadOnlyList<(double Start, double End, bool IsTotal)> bars,
        IReadOnlyList<(double Low, double High)?> whiskers, string valueFormat, string valueTitle, (double Value, string Label)? reference = null)
    {
        var model = NewModel(false);
        var axis = new CategoryAxis { Position = AxisPosition.Left, GapWidth = 0.5, StartPosition = 1, EndPosition = 0, Key = "categories" };
        axis.Labels.AddRange(categories);
        model.Axes.Add(axis);
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = valueTitle, StringFormat = valueFormat, MinimumPadding = 0.05, MaximumPadding = 0.05, MajorGridlineStyle = LineStyle.Dot, MajorGridlineColor = OxyColor.FromRgb(210, 210, 210), Key = "values" });
        var series = new IntervalBarSeries { StrokeThickness = 0, XAxisKey = "values", YAxisKey = "categories", LabelFormatString = null };
        foreach (var (start, end, isTotal) in bars)
        {
            series.Items.Add(new IntervalBarItem(Math.Min(start, end), Math.Max(start, end))
            {
                Color = isTotal ? Palette[0] : end >= start ? Palette[2] : Palette[5],
            });
        }
        model.Series.Add(series);
        var ranges = new LineSeries { Color = OxyColors.Black, StrokeThickness = 1.5, XAxisKey = "values", YAxisKey = "categories" };
        for (int k = 0; k < whiskers.Count; k++)
        {
            if (whiskers[k] is not (double low, double high))
            {
                continue;
            }
            ranges.Points.AddRange([new DataPoint(low, k), new DataPoint(high, k), DataPoint.Undefined,
                new DataPoint(low, k - 0.15), new DataPoint(low, k + 0.15), DataPoint.Undefined,
                new DataPoint(high, k - 0.15), new DataPoint(high, k + 0.15), DataPoint.Undefined]);
        }
        model.Series.Add(ranges);
        if (reference is (double x, string label))
        {
            var line = DashedLine(OxyPlot.Annotations.LineAnnotationType.Vertical, x, label);
            (line.XAxisKey, line.YAxisKey) = ("values", "categories");
            model.Annotations.Add(line);
        }
        return model;
    }

    /// <summary>
    /// A tornado: per input (top to bottom), the total with the input at its low end and at its high end, each drawn from
    /// the point total in its own colour (so a reader sees which end raises the total), with the point total as a dashed line.
    /// </summary>
    /// <param name="categories">The inputs, top to bottom.</param>
    /// <param name="ends">Each input's total at its low and at its high end.</param>
    /// <param name="point">The total with every input at its point value.</param>
    /// <param name="valueFormat">The value axis format.</param>
    /// <param name="valueTitle">The value axis title.</param>
    public static PlotModel Tornado(IReadOnlyList<string> categories, IReadOnlyList<(double AtLow, double AtHigh)> ends, double point, string valueFormat, string valueTitle)
    {
        var model = NewModel(true);
        var axis = new CategoryAxis { Position = AxisPosition.Left, GapWidth = 0.5, StartPosition = 1, EndPosition = 0, Key = "categories" };
        axis.Labels.AddRange(categories);
        model.Axes.Add(axis);
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = valueTitle, StringFormat = valueFormat, MinimumPadding = 0.05, MaximumPadding = 0.05, MajorGridlineStyle = LineStyle.Dot, MajorGridlineColor = OxyColor.FromRgb(210, 210, 210), Key = "values" });
        var low = new IntervalBarSeries { Title = "input at its low end", FillColor = Palette[0], StrokeThickness = 0, XAxisKey = "values", YAxisKey = "categories", LabelFormatString = null };
        var high = new IntervalBarSeries { Title = "input at its high end", FillColor = Palette[1], StrokeThickness = 0, XAxisKey = "values", YAxisKey = "categories", LabelFormatString = null };
        for (int k = 0; k < ends.Count; k++)
        {
            low.Items.Add(new IntervalBarItem(Math.Min(point, ends[k].AtLow), Math.Max(point, ends[k].AtLow)) { CategoryIndex = k });
            high.Items.Add(new IntervalBarItem(Math.Min(point, ends[k].AtHigh), Math.Max(point, ends[k].AtHigh)) { CategoryIndex = k });
        }
        model.Series.Add(low);
        model.Series.Add(high);
        var line = DashedLine(OxyPlot.Annotations.LineAnnotationType.Vertical, point, "");
        (line.XAxisKey, line.YAxisKey) = ("values", "categories");
        model.Annotations.Add(line);
        return model;
    }

    /// <summary>A dashed grey reference line (a goal, a point total) at <paramref name="at"/> with its label.</summary>
    private static OxyPlot.Annotations.LineAnnotation DashedLine(OxyPlot.Annotations.LineAnnotationType type, double at, string label)
    {
        return new OxyPlot.Annotations.LineAnnotation
        {
            Type = type,
            X = at,
            Y = at,
            Color = OxyColor.FromRgb(90, 90, 90),
            LineStyle = LineStyle.Dash,
            StrokeThickness = 1.5,
            Text = label,
            TextColor = OxyColor.FromRgb(60, 60, 60),
        };
    }

    /// <summary>Horizontal bars: one group of bars per category, one bar per series.</summary>
    public static PlotModel Bars(IReadOnlyList<string> categories, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series, string valueFormat, string valueTitle)
    {
        var model = NewModel(series.Count > 1);
        // OxyPlot draws the first category at the bottom; reverse so the list reads top-down like the table.
        var axis = new CategoryAxis { Position = AxisPosition.Left, GapWidth = 0.4, StartPosition = 1, EndPosition = 0 };
        axis.Labels.AddRange(categories);
        model.Axes.Add(axis);
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = valueTitle, StringFormat = valueFormat, MinimumPadding = 0, MaximumPadding = 0.08, AbsoluteMinimum = 0, Minimum = 0, MajorGridlineStyle = LineStyle.Dot, MajorGridlineColor = OxyColor.FromRgb(210, 210, 210) });
        for (int s = 0; s < series.Count; s++)
        {
            var bars = new BarSeries { Title = series[s].Name, FillColor = Palette[s % Palette.Length], StrokeThickness = 0 };
            bars.Items.AddRange(series[s].Values.Select(v => new BarItem(v)));
            model.Series.Add(bars);
        }
        return model;
    }

    /// <summary>A histogram of values from <paramref name="min"/> to <paramref name="max"/> in <paramref name="bins"/> equal bins; values above go in the last bin.</summary>
    public static PlotModel Histogram(IReadOnlyList<double> values, double min, double max, int bins, string valueFormat, string xTitle)
    {
        var model = NewModel(false);
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = xTitle, StringFormat = valueFormat, MajorGridlineStyle = LineStyle.None });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "customers", Minimum = 0, MaximumPadding = 0.08, MajorGridlineStyle = LineStyle.Dot, MajorGridlineColor = OxyColor.FromRgb(210, 210, 210) });
        double width = (max - min) / bins;
        var counts = new int[bins];
        foreach (var v in values)
        {
            counts[Math.Clamp((int)Math.Floor((v - min) / width), 0, bins - 1)]++;
        }
        var series = new HistogramSeries { FillColor = Palette[0], StrokeColor = OxyColors.White, StrokeThickness = 1 };
        for (int b = 0; b < bins; b++)
        {
            double start = min + b * width;
            series.Items.Add(new HistogramItem(start, start + width, counts[b] * width, counts[b]));
        }
        model.Series.Add(series);
        return model;
    }

    private static LinearAxis ValueAxis(string format, string title, double? min, double? max)
    {
        var axis = new LinearAxis
        {
            Position = AxisPosition.Left,
            Title = title,
            StringFormat = format,
            MajorGridlineStyle = LineStyle.Dot,
            MajorGridlineColor = OxyColor.FromRgb(210, 210, 210),
            MinimumPadding = 0.1,
            MaximumPadding = 0.1,
        };
        if (min is double lo)
        {
            axis.Minimum = lo;
        }
        if (max is double hi)
        {
            axis.Maximum = hi;
        }
        return axis;
    }

    /// <summary>
    /// The model as an inline <c>&lt;svg&gt;</c> element: no XML header, no namespace URIs (an inline SVG in HTML gets
    /// its namespace from the parser), element ids made unique with <paramref name="id"/> so that several charts can
    /// share one page, and a <c>role="img"</c> with the chart's title for screen readers.
    /// </summary>
    public static string ToSvg(PlotModel model, string id, string title, double width = Width, double height = Height)
    {
        string svg = Export(model, title, width, height);
        svg = NamespaceAttribute().Replace(svg, "");
        svg = IdAttribute().Replace(svg, m => $"{m.Groups[1].Value}=\"{id}-{m.Groups[2].Value}\"");
        svg = UrlReference().Replace(svg, m => $"url(#{id}-{m.Groups[1].Value})");
        string label = System.Net.WebUtility.HtmlEncode(title);
        int open = svg.IndexOf("<svg", StringComparison.Ordinal);
        return svg.Insert(open + 4, $" id=\"{id}\" class=\"chart\" role=\"img\" aria-label=\"{label}\" viewBox=\"0 0 {width.ToString(CultureInfo.InvariantCulture)} {height.ToString(CultureInfo.InvariantCulture)}\"");
    }

    /// <summary>
    /// The model as a standalone SVG document (an XML declaration, the SVG namespace, a <c>viewBox</c> so that it scales,
    /// and the title as its <c>&lt;title&gt;</c> element), for a file or a notebook cell.
    /// </summary>
    public static string ToSvgDocument(PlotModel model, string title, double width = Width, double height = Height)
    {
        string svg = Export(model, title, width, height);
        string label = System.Net.WebUtility.HtmlEncode(title);
        int open = svg.IndexOf("<svg", StringComparison.Ordinal);
        svg = svg.Insert(open + 4, $" role=\"img\" aria-label=\"{label}\" viewBox=\"0 0 {width.ToString(CultureInfo.InvariantCulture)} {height.ToString(CultureInfo.InvariantCulture)}\"");
        int end = svg.IndexOf('>', open);
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + svg[open..(end + 1)] + $"<title>{label}</title>" + svg[(end + 1)..];
    }

    /// <summary>OxyPlot's SVG of the model, its text measured as a browser lays it out.</summary>
    private static string Export(PlotModel model, string title, double width, double height)
    {
        string svg = SvgExporter.ExportToString(model, width, height, false, new PixelTextMeasurer());
        ThrowIfFailed(model, title);
        return svg;
    }

    /// <summary>OxyPlot draws a rendering failure into the image as text; a report must fail loudly instead.</summary>
    private static void ThrowIfFailed(PlotModel model, string title)
    {
        if (model.GetLastPlotException() is { } failure)
        {
            throw new InvalidOperationException($"Chart '{title}' could not be drawn: {failure.Message}", failure);
        }
    }

    /// <summary>
    /// Text sizes for the SVG layout. OxyPlot's <see cref="PdfRenderContext"/> has Helvetica's metrics built in but
    /// measures in points (a font size of 12 comes out 3/4 as wide as 12 px of Helvetica), while the SVG's sizes are
    /// user units that a browser draws as CSS pixels; scaled by 4/3, the measure matches Helvetica and its metric twins
    /// Arial and Liberation Sans, so axis titles and legends get the room they take on screen and in print.
    /// Only <see cref="MeasureText"/> is used: SvgExporter asks its text measurer for nothing else.
    /// </summary>
    private sealed class PixelTextMeasurer : RenderContextBase
    {
        private const double PointsToPixels = 4.0 / 3.0;
        private readonly PdfRenderContext _metrics = new(100, 100, OxyColors.White);

        public override int ClipCount => 0;

        public override OxySize MeasureText(string text, string? fontFamily = null, double fontSize = 10, double fontWeight = 500)
        {
            var size = _metrics.MeasureText(text, fontFamily, fontSize, fontWeight);
            return new OxySize(size.Width * PointsToPixels, size.Height * PointsToPixels);
        }

        public override void DrawLine(IList<ScreenPoint> points, OxyColor stroke, double thickness, EdgeRenderingMode edgeRenderingMode, double[]? dashArray = null, LineJoin lineJoin = LineJoin.Miter)
        {
        }

        public override void DrawPolygon(IList<ScreenPoint> points, OxyColor fill, OxyColor stroke, double thickness, EdgeRenderingMode edgeRenderingMode, double[]? dashArray = null, LineJoin lineJoin = LineJoin.Miter)
        {
        }

        public override void DrawText(ScreenPoint p, string text, OxyColor fill, string? fontFamily = null, double fontSize = 10, double fontWeight = 500, double rotation = 0,
            HorizontalAlignment halign = HorizontalAlignment.Left, VerticalAlignment valign = VerticalAlignment.Top, OxySize? maxSize = null)
        {
        }

        public override void PushClip(OxyRect clippingRectangle)
        {
        }

        public override void PopClip()
        {
        }
    }

    [GeneratedRegex("\\s+xmlns(:\\w+)?=\"[^\"]*\"")]
    private static partial Regex NamespaceAttribute();

    [GeneratedRegex("\\b(id)=\"([^\"]+)\"")]
    private static partial Regex IdAttribute();

    [GeneratedRegex("url\\(#([^)]+)\\)")]
    private static partial Regex UrlReference();
}

/// <summary>One drawn step of a survival curve: its time, S(t) and the pointwise confidence band around it.</summary>
/// <param name="Time">The step's time.</param>
/// <param name="Survival">S(t) from this time on.</param>
/// <param name="Low">The band's lower limit.</param>
/// <param name="High">The band's upper limit.</param>
internal readonly record struct SurvivalStep(double Time, double Survival, double Low, double High);
