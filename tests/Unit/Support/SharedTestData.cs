using System;
using System.IO;

namespace UpsPS.Tests.Unit.Support
{
    /// <summary>Locates the shared real-device test data (../shared/testdata relative to the repository root).</summary>
    public static class SharedTestData
    {
        public static string? Root
        {
            get
            {
                var dir = new DirectoryInfo(AppContext.BaseDirectory);
                while (dir != null && !File.Exists(Path.Combine(dir.FullName, "UpsPS.sln"))) dir = dir.Parent;
                if (dir?.Parent == null) return null;
                var root = Path.Combine(dir.Parent.FullName, "shared", "testdata");
                return Directory.Exists(root) ? root : null;
            }
        }

        /// <summary>Full path of a file under testdata, or null when the data set is absent.</summary>
        public static string? Find(params string[] parts)
        {
            var root = Root;
            if (root == null) return null;
            var path = Path.Combine(root, Path.Combine(parts));
            return File.Exists(path) ? path : null;
        }

        public const string MissingMessage = "shared test data not found (expected ../shared/testdata next to the repository)";
    }
}
