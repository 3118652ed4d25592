package io.inkwell.imports;

/** The archive kinds a site can be uploaded as. */
public enum ArchiveFormat {
    ZIP, TAR_GZ
}
