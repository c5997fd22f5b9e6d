"""What a build hands to readers and editors: outputs in place, exports, the status board, the download site."""
