console.log('ksb-evidence: not built yet');
