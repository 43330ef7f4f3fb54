/** The part of unzipper (exceljs's own zip reader) the command line uses: a zip's central directory. */
declare module "unzipper" {
  export interface DirectoryEntry {
    path: string;
    /** as the zip directory declares it */
    uncompressedSize: number;
    compressedSize: number;
    type: "File" | "Directory";
  }
  export const Open: {
    /** Reads only the central directory of the zip at `path` (nothing is inflated). */
    file(path: string): Promise<{ files: DirectoryEntry[] }>;
  };
  const unzipper: { Open: typeof Open };
  export default unzipper;
}
