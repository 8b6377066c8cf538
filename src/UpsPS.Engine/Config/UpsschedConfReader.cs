using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using UpsPS.Engine.Protocol;

namespace UpsPS.Engine.Config
{
    /// <summary>
    /// upssched.conf reader: CMDSCRIPT, PIPEFN, LOCKFN, DEBUG_MIN, AT. Short AT lines and unknown
    /// directives are warnings. Because upssched acts line by line, each rule records whether
    /// CMDSCRIPT/PIPEFN/LOCKFN were already set when it was read.
    /// </summary>
    public static class UpsschedConfReader
    {
        public static ConfigReadResult<UpsschedConfig> ReadFile(string path)
        {
            try
            {
                return Parse(File.ReadAllText(path), path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
            {
                return new ConfigReadResult<UpsschedConfig>(new UpsschedConfig(), new[] { new ConfigDiagnostic(path, 0, ConfigSeverity.Fatal, $"Can't open {path}: {ex.Message}") });
            }
        }

        public static ConfigReadResult<UpsschedConfig> Parse(string text, string fileName = "upssched.conf")
        {
            var c = new UpsschedConfig();
            var diags = new List<ConfigDiagnostic>();
            foreach (var line in NutTokenizer.TokenizeText(text))
            {
                void Warn(string m) => diags.Add(new ConfigDiagnostic(fileName, line.LineNumber, ConfigSeverity.Warning, m));
                if (line.Error != null) { Warn(line.Error); continue; }
                var w = line.Words;
                if (w.Count == 0) continue;
                string key = w[0] == "debug_min" ? "DEBUG_MIN" : w[0];
                if (key == "AT")
                {
                    if (w.Count < 5) { Warn("invalid directive " + string.Join(" ", w)); continue; }
                    c.Rules.Add(new UpsschedRule
                    {
                        NotifyType = w[1],
                        UpsName = w[2],
                        CommandText = w[3],
                        Command = ParseCommand(w[3]),
                        Name = w[4],
                        Argument = w.Count > 5 ? w[5] : null,
                        MissingPrerequisite = c.CmdScript.Count == 0 ? "CMDSCRIPT" : c.PipeFn == null ? "PIPEFN" : c.LockFn == null ? "LOCKFN" : null,
                        Line = line.LineNumber,
                    });
                    continue;
                }
                if (w.Count < 2) { Warn("invalid directive " + string.Join(" ", w)); continue; }
                switch (key)
                {
                    case "CMDSCRIPT": c.CmdScript = w.Skip(1).ToList(); break;
                    case "PIPEFN": c.PipeFn = w[1]; break;
                    case "LOCKFN": c.LockFn = w[1]; break;
                    case "DEBUG_MIN": c.DebugMin = CNumber.Atoi(w[1]); break;
                    default: Warn("invalid directive " + string.Join(" ", w)); break;
                }
            }
            return new ConfigReadResult<UpsschedConfig>(c, diags);
        }

        private static UpsschedCommand ParseCommand(string word)
        {
            switch (word)
            {
                case "START-TIMER": return UpsschedCommand.StartTimer;
                case "START-TIMER-SHARED": return UpsschedCommand.StartTimerShared;
                case "CANCEL-TIMER": return UpsschedCommand.CancelTimer;
                case "CANCEL-TIMER-MATCHED": return UpsschedCommand.CancelTimerMatched;
                case "EXECUTE": return UpsschedCommand.Execute;
                default: return UpsschedCommand.Invalid;
            }
        }
    }
}
