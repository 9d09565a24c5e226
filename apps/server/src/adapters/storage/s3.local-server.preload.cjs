/**
 * Loaded into the s3rver process before it starts (`node -r`): s3rver 3.7.1 removes a key's
 * parent folders on disk once a delete leaves them empty, and a put into that folder at the same
 * moment then writes to a folder that is gone — an unhandled stream error that ends the server.
 * Folders are not part of S3 (an empty one lists as nothing), so deletes here keep them.
 */
'use strict';
const { unlink } = require('node:fs/promises');
const FilesystemStore = require('s3rver/lib/stores/filesystem');

FilesystemStore.prototype.deleteObject = async function deleteObject(bucket, key) {
  await Promise.all(
    ['object', 'object.md5', 'metadata.json'].map((resource) =>
      unlink(this.getResourcePath(bucket, key, resource)).catch((err) => {
        if (err.code !== 'ENOENT') throw err;
      }),
    ),
  );
};
