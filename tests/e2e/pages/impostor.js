// The right shape from the wrong origin: the host must ignore it.
window.parent.postMessage({ type: 'jingjinji-map:height', height: 3333 }, '*');
