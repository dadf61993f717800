return ContactMetrics.Cli.CliApp.Run(args);
